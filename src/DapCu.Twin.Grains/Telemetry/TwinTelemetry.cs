using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DapCu.Twin.Grains.Telemetry;

/// <summary>
/// The twin's OpenTelemetry instruments (System.Diagnostics, exported by whatever the host wires:
/// OTLP from the CLI's <c>--otlp</c>, Prometheus on <c>dapcu serve</c>'s <c>/metrics</c>). Names follow
/// OpenTelemetry conventions; units are UCUM, and Prometheus' exporter puts them into the name
/// (<c>dapcu.checkpoint.duration</c> in s becomes <c>dapcu_checkpoint_duration_seconds</c>).
/// Cardinality stays bounded: fleets are aggregated (labels are states, never cell or fleet ids);
/// channels carry their channel label (a handful per emulator).
/// </summary>
public static partial class TwinTelemetry
{
    public const string Name = Scenarios.Telemetry.TwinActivities.Name;

    public static readonly Meter Meter = new(Name);
    /// <summary>One trace source for every layer (declared in Scenarios, which the data readers also see).</summary>
    public static readonly ActivitySource Activities = Scenarios.Telemetry.TwinActivities.Source;

    /// <summary>Cells that finished a protocol (grains and fleet shards).</summary>
    public static readonly Counter<long> CellsCompleted = Meter.CreateCounter<long>("dapcu.cells.completed", "{cell}", "cells that finished their protocol");
    /// <summary>Cycles simulated, the fleet's throughput.</summary>
    public static readonly Counter<long> CyclesSimulated = Meter.CreateCounter<long>("dapcu.cycles.simulated", "{cycle}", "cell cycles simulated");
    /// <summary>Internal shorts seen.</summary>
    public static readonly Counter<long> Shorts = Meter.CreateCounter<long>("dapcu.cells.shorts", "{short}", "internal shorts (dendrite through the separator)");
    /// <summary>Instrument commands served by emulated channels.</summary>
    public static readonly Counter<long> ChannelCommands = Meter.CreateCounter<long>("dapcu.channel.commands", "{command}", "messages served by emulated instrument channels");
    /// <summary>Time to serve one instrument message inside the channel grain.</summary>
    public static readonly Histogram<double> ChannelCommandDuration = Meter.CreateHistogram<double>("dapcu.channel.command.duration", "ms", "time to serve one instrument message");
    /// <summary>Faults injected into channels.</summary>
    public static readonly Counter<long> FaultsInjected = Meter.CreateCounter<long>("dapcu.channel.faults", "{fault}", "faults injected into emulated channels");

    /// <summary>Counts a finished cell run.</summary>
    public static void CellFinished(Physics.Results.RunResult result, string variant)
    {
        var tag = new KeyValuePair<string, object?>("dapcu.variant", variant);
        CellsCompleted.Add(1, tag);
        CyclesSimulated.Add(result.Cycles.Count, tag);
        var shorts = result.Events.Count(e => e.Kind == Physics.Results.CellEventKind.Short);
        if (shorts > 0) Shorts.Add(shorts, tag);
    }
}
