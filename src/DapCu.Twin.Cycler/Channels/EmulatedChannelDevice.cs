using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DapCu.Twin.Cycler.Faults;
using DapCu.Twin.Cycler.Keithley;
using DapCu.Twin.Cycler.MacNet;
using DapCu.Twin.Cycler.Grains;
using DapCu.Twin.Grains.Telemetry;

namespace DapCu.Twin.Cycler.Channels;

/// <summary>
/// One emulated channel: a virtual cell on a <see cref="VirtualChannel"/>, seen through each dialect's instrument
/// model (a Keithley 2400 for SCPI, a Maccor channel for MacNet). Faults act on the channel, so every dialect
/// sees them.
/// </summary>
public sealed class EmulatedChannelDevice
{
    public const string Scpi = "scpi", MacNet = "macnet";

    public EmulatedChannelDevice(VirtualChannel channel, TimeProvider clock, EmulatorOptions? options = null)
    {
        Channel = channel;
        Instrument = new Keithley2400(channel, (9_100_000 + channel.Index).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            ReadWithOutputOff = options?.ReadWithOutputOff ?? false,
        };
        MacNetChannel = new MacNetChannel(channel, clock, options?.ProceduresFolder);
        // The channel's counters exist (at 0) from power-on, so dashboards see a quiet channel, not a missing one.
        TwinTelemetry.ChannelErrors.Add(0, ChannelTag);
        TwinTelemetry.FaultsInjected.Add(0, ChannelTag);
    }

    public VirtualChannel Channel { get; }
    public Keithley2400 Instrument { get; }
    /// <summary>Metric label of this channel (channels are few per emulator: bounded cardinality).</summary>
    private KeyValuePair<string, object?> ChannelTag => new("dapcu.channel", Channel.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public MacNetChannel MacNetChannel { get; }

    /// <summary>The client's latest messages, oldest first (safe to read from any thread: the dashboard reads it).</summary>
    public string[] LastCommands { get { lock (_lastCommands) return _lastCommands.Select(c => c.Message).ToArray(); } }

    public ChannelReply Execute(string dialect, string message)
    {
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
        Remember(dialect, message, reply);
        var errors = Instrument.Status.ErrorsPushed - errorsBefore + (dialect == MacNet && reply?.StartsWith("{\"error\"", StringComparison.Ordinal) == true ? 1 : 0);
        if (errors > 0) TwinTelemetry.ChannelErrors.Add(errors, ChannelTag);
        var tags = new TagList { { "dapcu.dialect", dialect }, ChannelTag };
        TwinTelemetry.ChannelCommands.Add(1, tags);
        TwinTelemetry.ChannelCommandDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        return new ChannelReply(reply, busy, Channel.ResponseDelay_ms, false);
    }

    /// <summary>How many client messages the read model keeps.</summary>
    public const int RememberedCommands = 20;
    private readonly Queue<ChannelCommand> _lastCommands = new();

    private void Remember(string dialect, string message, string? reply)
    {
        lock (_lastCommands) RememberLocked(dialect, message, reply);
    }

    private void RememberLocked(string dialect, string message, string? reply)
    {
        if (_lastCommands.Count >= RememberedCommands) _lastCommands.Dequeue();
        if (message == Transport.ScpiDialect.OverrunMarker) message = "(line longer than the input buffer)";
        else if (message.Length > 200) message = message[..200] + "…";
        if (reply is { Length: > 200 }) reply = reply[..200] + "…";
        _lastCommands.Enqueue(new ChannelCommand(Channel.Time_s, dialect, message, reply));
    }

    private ChannelCommand[] LastCommandsWithReplies() { lock (_lastCommands) return _lastCommands.ToArray(); }

    /// <summary>The read model: a reading taken now (it advances the cell to now, as any client message would),
    /// the last client messages and the faults in force.</summary>
    public ChannelView View()
    {
        Channel.Sync();
        var r = Channel.Measure();
        return new ChannelView(Channel.Index, r.Time_s, r.Voltage_V, r.Current_A, r.OutputOn, r.InCompliance,
            LastCommandsWithReplies(), Channel.ActiveFaults.ToArray());
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
