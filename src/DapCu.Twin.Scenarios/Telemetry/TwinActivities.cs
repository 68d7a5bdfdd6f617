using System.Diagnostics;

namespace DapCu.Twin.Scenarios.Telemetry;

/// <summary>
/// The twin's one trace source, declared here (the lowest layer that runs scenarios and sweeps and that the
/// data readers reference) so every layer opens spans on the same source; the Grains layer's
/// <c>TwinTelemetry.Activities</c> is this object. Nothing is recorded unless a host listens (OTLP export).
/// </summary>
public static class TwinActivities
{
    public const string Name = "DapCu.Twin";

    public static readonly ActivitySource Source = new(Name);
}
