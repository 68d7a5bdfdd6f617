using System.Text.Json;
using StackExchange.Redis;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>One silo's row of Orleans' Redis membership table.</summary>
/// <param name="Status">Orleans' SiloStatus: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.</param>
public sealed partial record MemberRow(string SiloName, string Address, int Status, DateTime StartTime)
{
    public const int Active = 3;
    public const int Dead = 6;

    /// <summary>"ip:port" of the silo (the table's address also carries the generation).</summary>
    public string Endpoint => EndpointPattern().Match(Address) is { Success: true } m ? m.Value : Address;

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{1,3}(\.\d{1,3}){3}:\d+")]
    private static partial System.Text.RegularExpressions.Regex EndpointPattern();
}

/// <summary>
/// Reads the membership table Orleans' Redis clustering keeps: one hash <c>{ServiceId}/members/{ClusterId}</c>
/// with a JSON field per silo generation and a <c>Version</c> field. Only read, never written: membership
/// is Orleans' own.
/// </summary>
public static class ClusterMembership
{
    public static string Key(string serviceId, string clusterId) => $"{serviceId}/members/{clusterId}";

    public static async Task<IReadOnlyList<MemberRow>> ReadAsync(IDatabase db, string serviceId, string clusterId)
    {
        var rows = new List<MemberRow>();
        foreach (var field in await db.HashGetAllAsync(Key(serviceId, clusterId)))
        {
            if (field.Name == "Version" || field.Value.IsNullOrEmpty) continue;
            using var json = JsonDocument.Parse(field.Value.ToString());
            var root = json.RootElement;
            rows.Add(new MemberRow(
                Text(root, "SiloName") ?? "",
                Text(root, "SiloAddress") ?? field.Name.ToString(),
                Property(root, "Status") is { ValueKind: JsonValueKind.Number } s ? s.GetInt32() : 0,
                Property(root, "StartTime") is { ValueKind: JsonValueKind.String } t && t.TryGetDateTime(out var start) ? start : default));
        }
        return rows;
    }

    private static JsonElement? Property(JsonElement e, string name)
    {
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static string? Text(JsonElement e, string name) => Property(e, name) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()
        : null;
}
