using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Scpi;

namespace DapCu.Twin.Cycler.Keithley;

/// <summary>What the instrument does with one line: the reply line (without terminator, null when the line held
/// no query) and how long the instrument was busy integrating/triggering, in wall-clock seconds.</summary>
public readonly record struct InstrumentResponse(string? Reply, double Busy_s);

/// <summary>
/// A Keithley 2400 SourceMeter as its SCPI interface shows it, in front of a <see cref="VirtualChannel"/>.
/// Pure: no sockets, no threads, no wall-clock waits (it reports how long it was busy and the caller waits).
/// Each line: the channel is brought up to "now", then each message unit runs in order; query responses of one
/// line are joined by ';' into one reply line, as a 2400 does. Errors go to the error queue, never to the reply.
/// </summary>
public sealed partial class Keithley2400
{
    public const string Manufacturer = "KEITHLEY INSTRUMENTS INC.";
    public const string Model = "MODEL 2400";
    public const string Firmware = "C30   Mar 17 2006 09:29:29/A02  /K/J";

    private readonly ScpiCommandTable _table = new();
    private double _busy_s;

    public Keithley2400(VirtualChannel channel, string serialNumber)
    {
        Channel = channel;
        SerialNumber = serialNumber;
        BuildCommandTable();
        Reset();
        Status.StandardEvent |= 1 << 7;  // power on
    }

    public VirtualChannel Channel { get; }
    /// <summary>Off (as shipped): :READ?, :INIT and :MEAS? with the output off are refused with +803 "Output
    /// disabled", as a 2400 does. On: the instrument measures the open terminals.</summary>
    public bool ReadWithOutputOff { get; init; }
    public string SerialNumber { get; }
    public StatusSystem Status { get; } = new();
    public string Identity => $"{Manufacturer},{Model},{SerialNumber},{Firmware}";

    // Settings a *RST returns to their defaults (2400 manual, table 18-x "default parameters").
    public double CurrentSourceRange_A { get; private set; }
    public bool CurrentSourceAutoRange { get; private set; }
    public double VoltageSourceRange_V { get; private set; }
    public bool VoltageSourceAutoRange { get; private set; }
    public HashSet<string> SenseFunctions { get; } = new();
    public bool ConcurrentFunctions { get; private set; }
    public Dictionary<string, double> Nplc { get; } = new();
    public Dictionary<string, double> SenseRange { get; } = new();
    public Dictionary<string, bool> SenseAutoRange { get; } = new();
    public List<string> Elements { get; } = new();
    public int ArmCount { get; private set; }
    public int TriggerCount { get; private set; }
    public double TriggerDelay_s { get; private set; }
    public double SourceDelay_s { get; private set; }
    public bool RearTerminals { get; private set; }
    public bool DisplayEnabled { get; private set; } = true;
    public bool Remote { get; private set; }
    /// <summary>Settings the emulator stores and reports back but that change nothing physical (filters, zero...).</summary>
    private readonly Dictionary<string, string> _stored = new(StringComparer.Ordinal);
    private double _timeZero_s;

    /// <summary>*RST state. The buffer, the error queue and the 488.2 enables survive a reset.</summary>
    public void Reset()
    {
        Channel.Sync();
        Channel.SetOutput(false);
        Channel.Function = SourceFunction.Voltage;
        Channel.VoltageLevel_V = 0;
        Channel.CurrentLevel_A = 0;
        Channel.VoltageCompliance_V = 21;
        Channel.CurrentCompliance_A = 105e-6;
        Channel.RemoteSense = false;
        CurrentSourceRange_A = 1e-6; CurrentSourceAutoRange = true;
        VoltageSourceRange_V = 20; VoltageSourceAutoRange = true;
        SenseFunctions.Clear(); SenseFunctions.Add("VOLT"); SenseFunctions.Add("CURR");
        ConcurrentFunctions = true;
        foreach (var f in Functions) { Nplc[f] = 1; SenseAutoRange[f] = true; }
        SenseRange["VOLT"] = 21; SenseRange["CURR"] = 1.05e-4; SenseRange["RES"] = 2.1e5;
        Elements.Clear(); Elements.AddRange(DefaultElements);
        ArmCount = 1; TriggerCount = 1; TriggerDelay_s = 0; SourceDelay_s = 0.001;
        RearTerminals = false;
        DisplayEnabled = true;
        _stored.Clear();
        Calc3Format = "MEAN";
        CurrentSweep.Reset(100e-6); VoltageSweep.Reset(1);
        LogSpacing = false; SweepDown = false;
        _lastReadings = [];
    }

    public static readonly string[] Functions = ["VOLT", "CURR", "RES"];
    public static readonly string[] DefaultElements = ["VOLT", "CURR", "RES", "TIME", "STAT"];

    /// <summary>Runs one program message (a line without its terminator).</summary>
    public InstrumentResponse Execute(string line)
    {
        _busy_s = 0;
        Channel.Sync();
        List<string>? replies = null;
        foreach (var unit in ScpiParser.Parse(line))
        {
            if (unit.Error is { } parseError) { Status.Push(parseError.Error); break; }
            try
            {
                var reply = _table.Execute(unit.Command!);
                if (reply is not null) (replies ??= new()).Add(reply);
            }
            catch (ScpiException e)
            {
                Status.Push(e.Error);
                // Like the 2400: an execution error aborts the rest of the message; the queries
                // already answered are still sent.
                break;
            }
        }
        return new InstrumentResponse(replies is null ? null : string.Join(';', replies), _busy_s);
    }

    /// <summary>An input line longer than the input buffer: reported, not executed.</summary>
    public void ReportInputOverrun() => Status.Push(ScpiError.InputBufferOverrun);
}
