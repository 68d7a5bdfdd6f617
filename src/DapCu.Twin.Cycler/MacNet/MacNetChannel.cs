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
public sealed class MacNetChannel : IChannelController
{
    private readonly VirtualChannel channel;
    private readonly TimeProvider clock;
    private readonly string? proceduresFolder;
    private ProcedureRunner? _procedure;

    public MacNetChannel(VirtualChannel channel, TimeProvider clock, string? proceduresFolder = null)
    {
        this.channel = channel;
        this.clock = clock;
        this.proceduresFolder = proceduresFolder;
        channel.Controller = this;
    }

    /// <summary>Values at or beyond this mean "ignore this limit", as in pymacnet's 65536 placeholders.</summary>
    private const double Ignore = 1000;

    public MacNetStatus Status { get; private set; } = MacNetStatus.Available;
    public bool DirectMode { get; private set; }
    public string TestName { get; private set; } = "";
    private int _step, _cycle;
    public int Step => _procedure?.StepNumber ?? _step;
    public int Cycle => _procedure?.Cycle ?? _cycle;
    public double VSafeMax_V { get; private set; } = double.PositiveInfinity;
    public double VSafeMin_V { get; private set; } = double.NegativeInfinity;
    public double ISafeCharge_A { get; private set; } = double.PositiveInfinity;
    public double ISafeDischarge_A { get; private set; } = double.PositiveInfinity;
    /// <summary>Power limits (W) on charge and discharge; 0 = not used, as in Maccor's example.</summary>
    public double PSafeCharge_W { get; private set; }
    public double PSafeDischarge_W { get; private set; }
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
            case (4, 4):
                var aux = AuxValues();
                result["Len"] = aux.Length;
                result["AuxValues"] = new JsonArray(aux.Select(a => (JsonNode)a).ToArray());
                break;
            case (6, 2): result["Result"] = StartProcedure(p); break;
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
        double stepStart = _procedure?.StepStart_s ?? _stepStart_s, stepCharge = _procedure?.StepCharge_Ah ?? _stepCharge_Ah;
        r["StepTime"] = Status == MacNetStatus.Available ? 0 : channel.Time_s - stepStart;
        r["Capacity"] = Math.Abs(channel.Charge_Ah - stepCharge);
        r["Energy"] = Math.Abs(channel.Energy_Wh - _stepEnergy_Wh);
        r["Current"] = reading.Current_A;
        r["Voltage"] = reading.Voltage_V;
        r["TesterTime"] = clock.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>(4,4): the auxiliary inputs of a channel; here one thermocouple reading the cell model's
    /// temperature (°C). A cell model without a temperature has no auxiliary inputs.</summary>
    private double[] AuxValues() =>
        channel.Cell is Physics.Cell.VirtualCell v ? [v.Model.Parameters.Electrolyte.Temperature_K - 273.15] : [];

    /// <summary>(6,2) start test: ProcName names a procedure in the procedures folder (&lt;name&gt;.txt, this
    /// project's protocol text), or, as an emulator extension, "Procedure" carries the text itself. Result codes
    /// are Maccor's (14: no procedure, 22: invalid entry, 23: channel in use).</summary>
    private string StartProcedure(JsonObject p)
    {
        if (Status == MacNetStatus.Active) return "23: Channel in use";
        string? text = p["Procedure"]?.GetValue<string>();
        string name = p["ProcName"]?.GetValue<string>()?.Trim() ?? "";
        string source = "Procedure";
        if (text is null)
        {
            if (name.Length == 0) return "14: No test procedure was selected, please select a test procedure";
            var folder = proceduresFolder ?? Directory.GetCurrentDirectory();
            var file = new[] { name, name + ".txt" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);
            if (file is null || Path.GetFileName(name) != name)
                return $"14: No test procedure '{name}' in {folder} (expected {name}.txt holding protocol text)";
            text = File.ReadAllText(file);
            source = file;
        }
        Protocols.Model.Protocol protocol;
        try { protocol = Protocols.Parsing.ProtocolText.Parse(text, source); }
        catch (Exception e) when (e is Protocols.Parsing.ProtocolSyntaxException or FormatException)
        {
            return $"22: Invalid entry. {e.Message}";
        }
        double crate = p["Crate"] is JsonValue cv && cv.TryGetValue<double>(out var c) && c > 0 ? c : 1;
        TestName = p["TestName"]?.GetValue<string>() ?? "Random";
        Status = MacNetStatus.Active;
        DirectMode = false;
        _testStart_s = channel.Time_s;
        channel.Record("macnet", $"test '{TestName}' started with procedure {(name.Length > 0 ? name : "(inline)")}");
        _procedure = new ProcedureRunner(channel, protocol, OneC_A() * crate);
        _stepStart_s = channel.Time_s;
        return "OK";
    }

    /// <summary>The current of 1C for this cell: its rated capacity when the model knows it, else 1 mA per cm².</summary>
    private double OneC_A() =>
        channel.Cell is Physics.Cell.VirtualCell v
            ? v.Model.Design.RatedCapacity_mAh_cm2(v.Model.Parameters) * v.Area_cm2 / 1000
            : channel.Cell.Area_cm2 / 1000;

    public double? Deadline_s => _procedure is { Done: false } r ? r.Deadline_s : null;

    /// <summary>Every step of the cell: the procedure (if any) moves on, and the safety limits are watched as time
    /// passes, not only when a client looks.</summary>
    public void AfterStep(OperatingPoint op, double dt_s)
    {
        if (Status != MacNetStatus.Active) return;
        if (_procedure is { Done: false } r)
        {
            r.AfterStep(op, dt_s);
            if (r.Done) { Status = MacNetStatus.Completed; return; }
        }
        CheckSafety(op);
    }

    private void ResetChannel()
    {
        channel.SetOutput(false);
        channel.CurrentLevel_A = 0;
        DirectMode = false;
        _procedure = null;
        Status = MacNetStatus.Available;
        _step = 0; _cycle = 0;
        channel.Record("macnet", "channel reset");
    }

    private string StartDirect(JsonObject p)
    {
        if (Status == MacNetStatus.Active) return "Channel is already running a test";
        TestName = p["TestName"]?.GetValue<string>() ?? "Random";
        DirectMode = true;
        Status = MacNetStatus.Active;
        _testStart_s = channel.Time_s;
        _procedure = null;
        _step = 0; _cycle = 0;
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
        _step++;
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
        PSafeCharge_W = p["PBatSafeChg"] is null ? 0 : Math.Abs(Num(p, "PBatSafeChg"));
        PSafeDischarge_W = p["PBatSafeDis"] is null ? 0 : Math.Abs(Num(p, "PBatSafeDis"));
        foreach (var k in new[] { "VSafeMax", "VSafeMin", "ISafeChg", "ISafeDis", "PBatSafeChg", "PBatSafeDis" })
            r[k] = p[k]?.DeepClone() ?? 0;
        channel.Record("macnet", $"safety limits V [{VSafeMin_V}, {VSafeMax_V}] V, I charge {ISafeCharge_A} A, discharge {ISafeDischarge_A} A");
    }

    /// <summary>A running test outside its safety limits is suspended and its output switched off.</summary>
    private void CheckSafety() => CheckSafety(channel.Solve());

    private void CheckSafety(OperatingPoint r)
    {
        if (Status != MacNetStatus.Active || !channel.OutputOn) return;
        double power = r.Voltage_V * r.Current_A;
        string? why = r.Voltage_V > VSafeMax_V ? $"voltage {r.Voltage_V:F4} V > VSafeMax {VSafeMax_V} V"
            : r.Voltage_V < VSafeMin_V ? $"voltage {r.Voltage_V:F4} V < VSafeMin {VSafeMin_V} V"
            : r.Current_A > ISafeCharge_A ? $"current {r.Current_A:G4} A > ISafeChg {ISafeCharge_A} A"
            : -r.Current_A > ISafeDischarge_A ? $"current {r.Current_A:G4} A beyond ISafeDis {ISafeDischarge_A} A"
            : PSafeCharge_W > 0 && r.Current_A > 0 && Math.Abs(power) > PSafeCharge_W ? $"power {Math.Abs(power):G4} W > PBatSafeChg {PSafeCharge_W} W"
            : PSafeDischarge_W > 0 && r.Current_A < 0 && Math.Abs(power) > PSafeDischarge_W ? $"power {Math.Abs(power):G4} W > PBatSafeDis {PSafeDischarge_W} W"
            : null;
        if (why is null) return;
        Status = MacNetStatus.Suspended;
        DirectMode = false;
        _procedure = null;
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
