using System.Text.Json;
using System.Text.Json.Serialization;

namespace DapCu.Twin.Dashboard;

/// <summary>JSON of every dashboard message: camelCase, and NaN/∞ (a cycle without a CE) as null-free named literals.</summary>
internal static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
