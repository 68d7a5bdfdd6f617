using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DapCu.Twin.Cycler.Faults;
using DapCu.Twin.Cycler.Keithley;
using DapCu.Twin.Cycler.MacNet;
using DapCu.Twin.Grains.Channels;
using DapCu.Twin.Grains.Telemetry;

namespace DapCu.Twin.Cycler.Channels;

/// <summary>
/// One emulated channel: a virtual cell on a <see cref="VirtualChannel"/>, seen through each dialect's instrument
/// model (a Keithley 2400 for SCPI, a Maccor channel for MacNet). Faults act on the channel, so every dialect
/// sees them.
/// </summary>
public sealed class EmulatedChannelDevice : IChannelDevice
{
    public const string Scpi = "scpi", MacNet = "macnet";

    public EmulatedChannelDevice(VirtualChannel channel, TimeProvider clock)
    {
        Channel = channel;
        Instrument = new Keithley2400(channel, (9_100_000 + channel.Index).ToString(System.Globalization.CultureInfo.InvariantCulture));
        MacNetChannel = new MacNetChannel(channel, clock);
        // The channel's counters exist (at 0) from power-on, so dashboards see a quiet channel, not a missing one.
        TwinTelemetry.ChannelErrors.Add(0, ChannelTag);
        TwinTelemetry.FaultsInjected.Add(0, ChannelTag);
    }

    public VirtualChannel Channel { get; }
    public Keithley2400 Instrument { get; }
    /// <summary>Metric label of this channel (channels are few per emulator: bounded cardinality).</summary>
    private KeyValuePair<string, object?> ChannelTag => new("dapcu.channel", Channel.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public MacNetChannel MacNetChannel { get; }

    /// <summary>How many of the client's latest messages <see cref="LastCommands"/> keeps (the dashboard shows them).</summary>
    public const int CommandsKept = 8;
    private readonly Queue<string> _lastCommands = new();

    /// <summary>The client's latest messages, oldest first (safe to read from any thread).</summary>
    public string[] LastCommands { get { lock (_lastCommands) return _lastCommands.ToArray(); } }

    public ChannelReply Execute(string dialect, string message)
    {
        lock (_lastCommands)
        {
            if (_lastCommands.Count == CommandsKept) _lastCommands.Dequeue();
            _lastCommands.Enqueue(message.Length <= 120 ? message : message[..120] + "…");
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (Channel.TakeDropRequest()) return new ChannelReply(null, 0, 0, Drop: true);
        string? reply;
        double busy = 0;
        var errorsBefore = Instrument.Status.ErrorsPushed;
        switch (dialect)
        {
            case Scpi when message == Transport.ScpiDialect.OverrunMarker:
                Instrument.ReportInputOverrun();
                reply = null;
                break;
            case Scpi:
                var r = Instrument.Execute(message);
                (reply, busy) = (r.Reply, r.Busy_s);
                break;
            case MacNet:
                reply = ExecuteMacNet(message);
                break;
            default:
                throw new ArgumentException($"unknown dialect '{dialect}'; expected '{Scpi}' or '{MacNet}'", nameof(dialect));
        }
        var errors = Instrument.Status.ErrorsPushed - errorsBefore + (dialect == MacNet && reply?.StartsWith("{\"error\"", StringComparison.Ordinal) == true ? 1 : 0);
        if (errors > 0) TwinTelemetry.ChannelErrors.Add(errors, ChannelTag);
        var tags = new TagList { { "dapcu.dialect", dialect }, ChannelTag };
        TwinTelemetry.ChannelCommands.Add(1, tags);
        TwinTelemetry.ChannelCommandDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        return new ChannelReply(reply, busy, Channel.ResponseDelay_ms, false);
    }

    /// <summary>The message is a MacNet request's "params" object; the reply is {"result":…} or {"error":…}.</summary>
    private string ExecuteMacNet(string paramsJson)
    {
        try
        {
            var p = JsonNode.Parse(paramsJson) as JsonObject ?? throw new MacNetException(-32602, "params must be an object");
            return new JsonObject { ["result"] = MacNetChannel.Handle(p) }.ToJsonString();
        }
        catch (MacNetException e)
        {
            return new JsonObject { ["error"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message } }.ToJsonString();
        }
        catch (JsonException e)
        {
            return new JsonObject { ["error"] = new JsonObject { ["code"] = -32700, ["message"] = $"Parse error: {e.Message}" } }.ToJsonString();
        }
    }

    public string InjectFault(string fault)
    {
        var f = ChannelFault.Parse(fault);
        Channel.Inject(f);
        TwinTelemetry.FaultsInjected.Add(1, ChannelTag);
        return f.ToString();
    }

    public void Note(string kind, string detail) => Channel.Record(kind, detail);

    public IReadOnlyList<ChannelLogLine> Log() =>
        Channel.Log.Snapshot().Select(e => new ChannelLogLine(e.Time_s, e.WallTime, e.Kind, e.Detail)).ToList();
}
