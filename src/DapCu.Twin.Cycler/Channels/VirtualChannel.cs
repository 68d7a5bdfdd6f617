using DapCu.Twin.Cycler.Faults;
using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Cycler.Channels;

public enum SourceFunction { Voltage, Current }

/// <summary>Runs a channel by itself as time passes (see <see cref="VirtualChannel.Controller"/>).</summary>
public interface IChannelController
{
    /// <summary>Virtual time at which the controller must look again (a step's end), or null.</summary>
    double? Deadline_s { get; }
    /// <summary>Called after each step of the cell with the operating point that held during it.</summary>
    void AfterStep(OperatingPoint op, double dt_s);
}

/// <summary>The operating point at the terminals: what flows and what the instrument sees at its sense point.</summary>
public readonly record struct OperatingPoint(double Current_A, double CellCurrent_A, double Voltage_V, bool InCompliance);

/// <summary>A reading as the instrument's A/D delivers it (with any injected noise and drift).</summary>
public readonly record struct ChannelReading(double Time_s, double Voltage_V, double Current_A, bool InCompliance, bool OutputOn);

/// <summary>
/// The analogue side of one instrument channel: a bipolar source (current or voltage, with compliance) wired to a
/// virtual cell, working electrode on HI, counter on LO. Time is lazy: the cell is advanced to "now"
/// (wall-clock time since the channel started, times the time scale) whenever <see cref="Sync"/> is called,
/// at the source setting that held in between. Dialects call Sync before they change the source, so each setting
/// is charged for exactly the time it was in force. Not thread-safe: its owner (a grain) serializes access.
/// </summary>
public sealed class VirtualChannel
{
    private readonly TimeProvider _clock;
    private readonly long _wallStart;
    private readonly List<ScheduledFault> _schedule = new();
    private Random? _noise;
    private readonly Random _openLeadNoise;
    /// <summary>What an open voltmeter input reads: a few µV of noise around 0 V (2400 200 mV range, 1 PLC).</summary>
    public const double OpenLeadNoise_V = 5e-6;
    private int _noiseSeed;
    private double _noiseSigma_V, _noiseSigma_A, _drift_V_per_h, _driftSince_s;

    public VirtualChannel(int index, IVirtualCell cell, TimeProvider clock, double timeScale, double maxStep_s = 1.0)
    {
        if (!(timeScale > 0)) throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "time scale must be > 0");
        Index = index;
        Cell = cell;
        _clock = clock;
        TimeScale = timeScale;
        MaxStep_s = maxStep_s;
        _wallStart = clock.GetTimestamp();
        _openLeadNoise = new Random(index + 1);
    }

    public int Index { get; }
    public IVirtualCell Cell { get; }
    public double TimeScale { get; }
    /// <summary>Longest cell step; the operating point (compliance, voltage-source current) is re-solved after each.</summary>
    public double MaxStep_s { get; }
    public ChannelLog Log { get; } = new();
    /// <summary>Something that runs the channel on its own as time passes (a MacNet test procedure); it sees every
    /// step and may change the source before the next one.</summary>
    public IChannelController? Controller { get; set; }

    /// <summary>Virtual seconds since the channel was powered on.</summary>
    public double Time_s { get; private set; }
    /// <summary>Charge that flowed through the terminals since power-on (signed, positive = into HI).</summary>
    public double Charge_Ah { get; private set; }
    /// <summary>Charge that went into the cell itself (terminal charge minus what the short took).</summary>
    public double CellCharge_Ah { get; private set; }
    /// <summary>Energy delivered into the terminals since power-on (signed).</summary>
    public double Energy_Wh { get; private set; }

    // --- source settings -----------------------------------------------------------------------------------
    public SourceFunction Function { get; set; } = SourceFunction.Voltage;
    public double CurrentLevel_A { get; set; }
    public double VoltageLevel_V { get; set; }
    /// <summary>Symmetric voltage limit while sourcing current (a 2400's compliance): the window ±V.</summary>
    public double VoltageCompliance_V
    {
        get => VoltageLimitHigh_V;
        set { VoltageLimitHigh_V = Math.Abs(value); VoltageLimitLow_V = -Math.Abs(value); }
    }
    /// <summary>Voltage window while sourcing current; a cycler uses it for CC-CV (upper) and discharge cutoff (lower).</summary>
    public double VoltageLimitLow_V { get; set; } = -21;
    public double VoltageLimitHigh_V { get; set; } = 21;
    /// <summary>Current limit while sourcing voltage.</summary>
    public double CurrentCompliance_A { get; set; } = 105e-6;
    /// <summary>Off: no current from the instrument; the voltmeter still sees whatever is connected.</summary>
    public bool OutputOn { get; private set; }
    /// <summary>4-wire sensing: contact resistance is outside the sense loop.</summary>
    public bool RemoteSense { get; set; }

    public void SetOutput(bool on)
    {
        if (on == OutputOn) return;
        OutputOn = on;
        Record("output", on ? "on" : "off");
    }

    // --- faults --------------------------------------------------------------------------------------------
    public double? ShortResistance_ohm { get; private set; }
    public bool OpenCircuit { get; private set; }
    public double ContactResistance_ohm { get; private set; }
    public double ResponseDelay_ms { get; private set; }
    private bool _dropPending;

    /// <summary>The faults in force, in their text form, for a dashboard.</summary>
    public IReadOnlyList<string> ActiveFaults
    {
        get
        {
            var list = new List<string>();
            if (ShortResistance_ohm is { } rs) list.Add(new ChannelFault(FaultKind.InternalShort, rs).ToString());
            if (OpenCircuit) list.Add(new ChannelFault(FaultKind.OpenCircuit).ToString());
            if (ContactResistance_ohm > 0) list.Add(new ChannelFault(FaultKind.ContactResistance, ContactResistance_ohm).ToString());
            if (_noise is not null) list.Add(new ChannelFault(FaultKind.MeasurementNoise, _noiseSigma_V, _noiseSigma_A, _noiseSeed).ToString());
            if (_drift_V_per_h != 0) list.Add(new ChannelFault(FaultKind.Drift, _drift_V_per_h).ToString());
            if (_dropPending) list.Add(new ChannelFault(FaultKind.DroppedConnection).ToString());
            if (ResponseDelay_ms > 0) list.Add(new ChannelFault(FaultKind.SlowResponse, ResponseDelay_ms).ToString());
            return list;
        }
    }

    /// <summary>True once per injected "drop" fault: the transport closes the client's connection.</summary>
    public bool TakeDropRequest()
    {
        var d = _dropPending;
        _dropPending = false;
        return d;
    }

    public void Schedule(ScheduledFault fault) => _schedule.Add(fault);

    public void Inject(ChannelFault fault)
    {
        Sync();
        Apply(fault);
    }

    private void Apply(ChannelFault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.InternalShort: ShortResistance_ohm = fault.Value; break;
            case FaultKind.OpenCircuit: OpenCircuit = true; break;
            case FaultKind.ContactResistance: ContactResistance_ohm = fault.Value; break;
            case FaultKind.MeasurementNoise:
                _noise = new Random(fault.Seed); _noiseSeed = fault.Seed; _noiseSigma_V = fault.Value; _noiseSigma_A = fault.Value2; break;
            case FaultKind.Drift: _drift_V_per_h = fault.Value; _driftSince_s = Time_s; break;
            case FaultKind.DroppedConnection: _dropPending = true; break;
            case FaultKind.SlowResponse: ResponseDelay_ms = fault.Value; break;
            case FaultKind.Clear: ClearFaults(fault.Target); break;
        }
        Record("fault", fault.ToString());
    }

    private void ClearFaults(FaultKind? target)
    {
        bool All(FaultKind k) => target is null || target == k;
        if (All(FaultKind.InternalShort)) ShortResistance_ohm = null;
        if (All(FaultKind.OpenCircuit)) OpenCircuit = false;
        if (All(FaultKind.ContactResistance)) ContactResistance_ohm = 0;
        if (All(FaultKind.MeasurementNoise)) _noise = null;
        if (All(FaultKind.Drift)) _drift_V_per_h = 0;
        if (All(FaultKind.DroppedConnection)) _dropPending = false;
        if (All(FaultKind.SlowResponse)) ResponseDelay_ms = 0;
    }

    public void Record(string kind, string detail) =>
        Log.Add(new ChannelLogEntry(Time_s, _clock.GetUtcNow(), kind, detail));

    // --- time ----------------------------------------------------------------------------------------------
    /// <summary>Virtual time "now" by the wall clock.</summary>
    public double WallTarget_s => _clock.GetElapsedTime(_wallStart).TotalSeconds * TimeScale;

    /// <summary>Advances the cell to "now". Does nothing if an integration already took the cell past now.</summary>
    public void Sync()
    {
        var target = WallTarget_s;
        if (target > Time_s) Step(target - Time_s);
    }

    /// <summary>Advances virtual time by a fixed amount (an integration or a trigger delay), even past "now".</summary>
    public void Advance(double duration_s)
    {
        if (duration_s > 0) Step(duration_s);
    }

    private void Step(double duration_s)
    {
        double end = Time_s + duration_s;
        while (Time_s < end)
        {
            double dt = Math.Min(Math.Min(MaxStep_s, _nextStep_s), end - Time_s);
            // A scheduled fault takes effect at its time, so cut the step there.
            var due = NextScheduled();
            if (due is not null && due.At_s <= Time_s) { _schedule.Remove(due); Apply(due.Fault); continue; }
            if (due is not null && due.At_s < Time_s + dt) dt = due.At_s - Time_s;
            if (Controller?.Deadline_s is { } deadline && deadline > Time_s && deadline < Time_s + dt) dt = deadline - Time_s;
            var op = Solve();
            AdaptStep(op.Voltage_V, dt);
            bool wasShorted = Cell.IsShorted;
            Cell.Advance(op.CellCurrent_A, dt);
            Time_s += dt;
            Charge_Ah += op.Current_A * dt / 3600;
            CellCharge_Ah += op.CellCurrent_A * dt / 3600;
            Energy_Wh += op.Current_A * op.Voltage_V * dt / 3600;
            if (!wasShorted && Cell.IsShorted) Record("short", "internal short in the cell");
            Controller?.AfterStep(op, dt);
        }
    }

    /// <summary>Largest change of the terminal voltage one step may make before the next one is shortened: near a
    /// knee (the last Li leaving the Cu) steps shrink, so the limit catches the voltage before the cell is driven
    /// past what it holds.</summary>
    public const double StepVoltageChange_V = 0.01;
    /// <summary>Shortest step the control goes to.</summary>
    public const double MinStep_s = 1e-3;
    private double _nextStep_s = double.PositiveInfinity, _lastStepVoltage_V = double.NaN;

    private void AdaptStep(double voltage_V, double dt_s)
    {
        double change = Math.Abs(voltage_V - _lastStepVoltage_V);
        _lastStepVoltage_V = voltage_V;
        if (double.IsNaN(change) || change < 0.25 * StepVoltageChange_V) { _nextStep_s = Math.Min(MaxStep_s, 2 * Math.Max(dt_s, _nextStep_s == double.PositiveInfinity ? MaxStep_s : _nextStep_s)); return; }
        _nextStep_s = Math.Clamp(dt_s * StepVoltageChange_V / change, MinStep_s, MaxStep_s);
    }

    private ScheduledFault? NextScheduled()
    {
        ScheduledFault? next = null;
        foreach (var f in _schedule)
            if (next is null || f.At_s < next.At_s) next = f;
        return next;
    }

    // --- electrical model ----------------------------------------------------------------------------------
    public Fixture Fixture => new(ContactResistance_ohm, RemoteSense, ShortResistance_ohm, OpenCircuit);

    private double CellVoltage(double cell_A) => Cell.TerminalVoltage_V(cell_A);

    /// <summary>The operating point now, without changing anything: source, fixture, fault and cell solved as one
    /// circuit. A current source that would leave its voltage window becomes a voltage source at the limit it hit,
    /// its current within ± the programmed magnitude; a voltage source that would pass more than its current
    /// limit becomes a current source at that limit. So every reading has |V| within the voltage window or |I|
    /// within the current limit, as on a 2400.</summary>
    public OperatingPoint Solve()
    {
        var f = Fixture;
        // The cell's own side when nothing reaches it from the instrument: only the short (if any) loads it.
        if (!OutputOn || f.Open)
        {
            var idle = TerminalCircuit.AtTerminalCurrent(CellVoltage, f with { Open = false }, 0);
            if (!OutputOn) return new OperatingPoint(0, idle.CellCurrent_A, f.Open ? 0 : idle.Sense_V, false);
            // Output on into open leads: nothing flows; a current source runs to its limit (unless it sources
            // 0 A), a voltage source shows its own setting.
            if (Function == SourceFunction.Voltage) return new OperatingPoint(0, idle.CellCurrent_A, VoltageLevel_V, false);
            if (CurrentLevel_A == 0) return new OperatingPoint(0, idle.CellCurrent_A, 0, false);
            return new OperatingPoint(0, idle.CellCurrent_A, CurrentLevel_A > 0 ? VoltageLimitHigh_V : VoltageLimitLow_V, true);
        }
        if (Function == SourceFunction.Current)
        {
            var p = TerminalCircuit.AtTerminalCurrent(CellVoltage, f, CurrentLevel_A);
            if (p.Sense_V <= VoltageLimitHigh_V && p.Sense_V >= VoltageLimitLow_V) return From(p, false);
            var q = TerminalCircuit.AtSenseVoltage(CellVoltage, f, p.Sense_V > VoltageLimitHigh_V ? VoltageLimitHigh_V : VoltageLimitLow_V);
            double limit = Math.Abs(CurrentLevel_A);
            if (Math.Abs(q.Terminal_A) <= limit) return From(q, true);
            return From(TerminalCircuit.AtTerminalCurrent(CellVoltage, f, Math.Clamp(q.Terminal_A, -limit, limit)), true);
        }
        else
        {
            var q = TerminalCircuit.AtSenseVoltage(CellVoltage, f, VoltageLevel_V);
            double limit = CurrentCompliance_A;
            if (Math.Abs(q.Terminal_A) <= limit) return From(q, false);
            return From(TerminalCircuit.AtTerminalCurrent(CellVoltage, f, Math.Clamp(q.Terminal_A, -limit, limit)), true);
        }
    }

    private static OperatingPoint From(CircuitPoint p, bool compliance) => new(p.Terminal_A, p.CellCurrent_A, p.Sense_V, compliance);

    /// <summary>A reading now: the operating point plus any injected noise and drift.</summary>
    public ChannelReading Measure()
    {
        var op = Solve();
        double v = op.Voltage_V, i = op.Current_A;
        // Leads open at the cell: the voltmeter's input floats near 0 V.
        if (OpenCircuit && (!OutputOn || (Function == SourceFunction.Current && CurrentLevel_A == 0)))
            v += OpenLeadNoise_V * Gaussian(_openLeadNoise);
        if (_drift_V_per_h != 0) v += _drift_V_per_h * (Time_s - _driftSince_s) / 3600;
        if (_noise is { } rng)
        {
            v += _noiseSigma_V * Gaussian(rng);
            i += _noiseSigma_A * Gaussian(rng);
        }
        var reading = new ChannelReading(Time_s, v, i, op.InCompliance, OutputOn);
        _lastReading = reading; // boxed: a reader on another thread sees a whole reading, never a torn one
        return reading;
    }

    private object? _lastReading;

    /// <summary>The latest reading a client took (null before the first); safe to read from any thread.</summary>
    public ChannelReading? LastReading => (ChannelReading?)Volatile.Read(ref _lastReading);

    /// <summary>The faults in force, for display ("none" when healthy).</summary>
    public string FaultSummary
    {
        get
        {
            var parts = new List<string>();
            if (ShortResistance_ohm is { } r) parts.Add($"short {r.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} ohm");
            if (OpenCircuit) parts.Add("open circuit");
            if (ContactResistance_ohm > 0) parts.Add($"contact {ContactResistance_ohm.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} ohm");
            if (ResponseDelay_ms > 0) parts.Add($"slow {ResponseDelay_ms.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} ms");
            if (_noise is not null) parts.Add("noise");
            if (_drift_V_per_h != 0) parts.Add("drift");
            return parts.Count == 0 ? "none" : string.Join(", ", parts);
        }
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
