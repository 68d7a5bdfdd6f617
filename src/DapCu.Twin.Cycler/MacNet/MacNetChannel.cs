using System.Globalization;
using System.Text.Json.Nodes;
using DapCu.Twin.Cycler.Channels;

namespace DapCu.Twin.Cycler.MacNet;

/// <summary>Maccor channel states as (4,7) reports them in "Stat" (pymacnet's status_dictionary).</summary>
public enum MacNetStatus { Available = 0, Selected = 1, Active = 2, Suspended = 3, Completed = 4, Problem = 5, Reset = 7 }

/// <summary>
/// One channel as MacNet direct mode drives it: a current source with a voltage limit ("mutually limiting",
/// so CC-CV on charge and a cutoff on discharge), safety limits that suspend the test, and the status record
/// (4,7) reports. Works on the same <see cref="VirtualChannel"/> a SCPI dialect would use.
/// </summary>
public sealed class MacNetChannel(VirtualChannel channel, TimeProvider clock, string? proceduresFolder = null)
{
    /// <summary>Values at or beyond this mean "ignore this limit", as in pymacnet's 65536 placeholders.</summary>
    private const double Ignore = 1000;

    public MacNetStatus Status { get; private set; } = MacNetStatus.Available;
    public bool DirectMode { get; private set; }
    public string TestName { get; private set; } = "";
    public int Step { get; private set; }
    public int Cycle { get; private set; }
    public double VSafeMax_V { get; private set; } = double.PositiveInfinity;
    public double VSafeMin_V { get; private set; } = double.NegativeInfinity;
    public double ISafeCharge_A { get; private set; } = double.PositiveInfinity;
    public double ISafeDischarge_A { get; private set; } = double.PositiveInfinity;
    private readonly double[] _variables = new double[16];
    private double _testStart_s, _stepStart_s, _stepCharge_Ah, _stepEnergy_Wh;
    private int _records;

    /// <summary>Handles the per-channel part of a MacNet request (its "params"); returns the "result" object.</summary>
    public JsonObject Handle(JsonObject p)
    {
        int fClass = Int(p, "FClass"), fNum = Int(p, "FNum");
        channel.Sync();
        CheckSafety();
        var result = new JsonObject { ["FClass"] = fClass, ["FNum"] = fNum, ["Chan"] = p["Chan"]?.DeepClone() };
        switch ((fClass, fNum))
        {
            case (4, 7): ReadStatus(result); break;
            case (4, 4): result["Len"] = 1; result["AuxValues"] = new JsonArray(25.0); break;
            case (6, 2): result["Result"] = "Procedures are not emulated: use direct mode (6,7)"; break;
            case (6, 5): ResetChannel(); result["Result"] = "OK"; break;
            case (6, 7): result["Result"] = StartDirect(p); break;
            case (6, 8): result["Result"] = SetDirectOutput(p); break;
            case (6, 9):
                int var = Int(p, "VarNum");
                if (var is < 1 or > 16) { result["Result"] = "VarNum must be 1..16"; break; }
                _variables[var - 1] = Num(p, "Value");
                result["Result"] = "OK";
                break;
            case (6, 10): SetSafety(p, result); break;
            default: throw new MacNetException(-32601, $"MacNet message ({fClass},{fNum}) is not supported");
        }
        return result;
    }

    private void ReadStatus(JsonObject r)
    {
        var reading = channel.Measure();
        _records++;
        r["RF1"] = 0;
        r["RF2"] = channel.OutputOn ? 192 : 0;  // as pymacnet's example of an active channel
        r["Stat"] = (int)Status;
        r["LastRecNum"] = _records;
        r["Cycle"] = Cycle;
        r["Step"] = Step;
        r["TestTime"] = Status == MacNetStatus.Available ? 0 : channel.Time_s - _testStart_s;
        r["StepTime"] = Status == MacNetStatus.Available ? 0 : channel.Time_s - _stepStart_s;
        r["Capacity"] = Math.Abs(channel.Charge_Ah - _stepCharge_Ah);
        r["Energy"] = Math.Abs(channel.Energy_Wh - _stepEnergy_Wh);
        r["Current"] = reading.Current_A;
        r["Voltage"] = reading.Voltage_V;
        r["TesterTime"] = clock.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private void ResetChannel()
    {
        channel.SetOutput(false);
        channel.CurrentLevel_A = 0;
        DirectMode = false;
        Status = MacNetStatus.Available;
        Step = 0; Cycle = 0;
        channel.Record("macnet", "channel reset");
    }

    private string StartDirect(JsonObject p)
    {
        if (Status == MacNetStatus.Active) return "Channel is already running a test";
        TestName = p["TestName"]?.GetValue<string>() ?? "Random";
        DirectMode = true;
        Status = MacNetStatus.Active;
        _testStart_s = channel.Time_s;
        Step = 0; Cycle = 0;
        channel.Record("macnet", $"direct mode started, test '{TestName}'");
        return SetDirectOutput(p, starting: true);
    }

    /// <summary>(6,8): Current in A (magnitude), Voltage the limit, ChMode C (charge), D (discharge) or R (rest).</summary>
    private string SetDirectOutput(JsonObject p, bool starting = false)
    {
        if (!DirectMode) return "Direct mode is not active";
        double current = Num(p, "Current"), voltage = Num(p, "Voltage");
        string mode = (p["ChMode"]?.ToString() ?? "R").ToUpperInvariant();
        if (mode is not ("C" or "D" or "R")) return $"ChMode must be C, D or R, got '{mode}'";
        if (current < 0) return "Current must be a magnitude (>= 0); the direction comes from ChMode";
        bool ignoreV = Math.Abs(voltage) >= Ignore;
        channel.Function = SourceFunction.Current;
        channel.CurrentLevel_A = mode switch { "C" => current, "D" => -current, _ => 0 };
        // Charge: voltage is the CV ceiling. Discharge: the floor.
        channel.VoltageLimitHigh_V = mode == "C" && !ignoreV ? voltage : 1e6;
        channel.VoltageLimitLow_V = mode == "D" && !ignoreV ? voltage : -1e6;
        channel.SetOutput(true);
        Step++;
        _stepStart_s = channel.Time_s;
        _stepCharge_Ah = channel.Charge_Ah;
        _stepEnergy_Wh = channel.Energy_Wh;
        if (!starting) channel.Record("macnet", $"direct output {mode} {current.ToString("G6", CultureInfo.InvariantCulture)} A, limit {voltage.ToString("G6", CultureInfo.InvariantCulture)} V");
        return "OK";
    }

    private void SetSafety(JsonObject p, JsonObject r)
    {
        VSafeMax_V = Num(p, "VSafeMax"); VSafeMin_V = Num(p, "VSafeMin");
        ISafeCharge_A = Num(p, "ISafeChg"); ISafeDischarge_A = Num(p, "ISafeDis");
        foreach (var k in new[] { "VSafeMax", "VSafeMin", "ISafeChg", "ISafeDis", "PBatSafeChg", "PBatSafeDis" })
            r[k] = p[k]?.DeepClone() ?? 0;
        channel.Record("macnet", $"safety limits V [{VSafeMin_V}, {VSafeMax_V}] V, I charge {ISafeCharge_A} A, discharge {ISafeDischarge_A} A");
    }

    /// <summary>A running test outside its safety limits is suspended and its output switched off.</summary>
    private void CheckSafety()
    {
        if (Status != MacNetStatus.Active) return;
        var r = channel.Measure();
        string? why = r.Voltage_V > VSafeMax_V ? $"voltage {r.Voltage_V:F4} V > VSafeMax {VSafeMax_V} V"
            : r.Voltage_V < VSafeMin_V ? $"voltage {r.Voltage_V:F4} V < VSafeMin {VSafeMin_V} V"
            : r.Current_A > ISafeCharge_A ? $"current {r.Current_A:G4} A > ISafeChg {ISafeCharge_A} A"
            : -r.Current_A > ISafeDischarge_A ? $"current {r.Current_A:G4} A beyond ISafeDis {ISafeDischarge_A} A"
            : null;
        if (why is null) return;
        Status = MacNetStatus.Suspended;
        DirectMode = false;
        channel.SetOutput(false);
        channel.Record("safety", $"test suspended: {why}");
    }

    internal static int Int(JsonObject p, string key) =>
        p[key] is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d)
            ? (int)d
            : throw new MacNetException(-32602, $"params.{key} must be an integer");

    internal static double Num(JsonObject p, string key) =>
        p[key] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d)
            ? d
            : throw new MacNetException(-32602, $"params.{key} must be a number");
}

/// <summary>A request MacNet cannot serve; becomes a JSON-RPC error object (code, message).</summary>
public sealed class MacNetException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
