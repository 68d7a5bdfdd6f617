using DapCu.Twin.Cycler.Faults;
using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Cycler.Channels;

public enum SourceFunction { Voltage, Current }

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
    }

    public int Index { get; }
    public IVirtualCell Cell { get; }
    public double TimeScale { get; }
    /// <summary>Longest cell step; the operating point (compliance, voltage-source current) is re-solved after each.</summary>
    public double MaxStep_s { get; }
    public ChannelLog Log { get; } = new();

    /// <summary>Virtual seconds since the channel was powered on.</summary>
    public double Time_s { get; private set; }
    /// <summary>Charge that flowed through the terminals since power-on (signed, positive = into HI).</summary>
    public double Charge_Ah { get; private set; }
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
    /// <summary>Off = open circuit: no current, the voltmeter still sees the cell.</summary>
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
                _noise = new Random(fault.Seed); _noiseSigma_V = fault.Value; _noiseSigma_A = fault.Value2; break;
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
            double dt = Math.Min(MaxStep_s, end - Time_s);
            // A scheduled fault takes effect at its time, so cut the step there.
            var due = NextScheduled();
            if (due is not null && due.At_s <= Time_s) { _schedule.Remove(due); Apply(due.Fault); continue; }
            if (due is not null && due.At_s < Time_s + dt) dt = due.At_s - Time_s;
            var op = Solve();
            bool wasShorted = Cell.IsShorted;
            Cell.Advance(op.CellCurrent_A, dt);
            Time_s += dt;
            Charge_Ah += op.Current_A * dt / 3600;
            Energy_Wh += op.Current_A * op.Voltage_V * dt / 3600;
            if (!wasShorted && Cell.IsShorted) Record("short", "internal short in the cell");
        }
    }

    private ScheduledFault? NextScheduled()
    {
        ScheduledFault? next = null;
        foreach (var f in _schedule)
            if (next is null || f.At_s < next.At_s) next = f;
        return next;
    }

    // --- electrical model ----------------------------------------------------------------------------------
    /// <summary>Cell current for a terminal current: an internal short takes V/R_short of it (cell linearised
    /// around the present point, which is exact for an ohmic cell and close for any smooth one).</summary>
    private double CellCurrent(double terminal_A)
    {
        if (ShortResistance_ohm is not { } rs) return terminal_A;
        double v0 = Cell.TerminalVoltage_V(terminal_A);
        const double dI = 1e-6;
        double rCell = Math.Max(0, (Cell.TerminalVoltage_V(terminal_A + dI) - Cell.TerminalVoltage_V(terminal_A - dI)) / (2 * dI));
        // I_cell + V(I_cell)/Rs = I_t, with V(I_cell) ≈ v0 + rCell (I_cell - I_t)
        return (terminal_A - (v0 - rCell * terminal_A) / rs) / (1 + rCell / rs);
    }

    /// <summary>Voltage at the sense point for a terminal current.</summary>
    private double SenseVoltage(double terminal_A)
    {
        double v = Cell.TerminalVoltage_V(CellCurrent(terminal_A));
        return RemoteSense ? v : v + terminal_A * ContactResistance_ohm;
    }

    /// <summary>The operating point now, without changing anything.</summary>
    public OperatingPoint Solve()
    {
        if (!OutputOn) return new OperatingPoint(0, CellCurrent(0), SenseVoltage(0), false);
        if (OpenCircuit)
        {
            // Nothing flows: a current source runs to its voltage limit, a voltage source shows its set voltage.
            bool currentMode = Function == SourceFunction.Current;
            double v = currentMode ? (CurrentLevel_A >= 0 ? VoltageLimitHigh_V : VoltageLimitLow_V) : VoltageLevel_V;
            return new OperatingPoint(0, 0, v, currentMode && CurrentLevel_A != 0);
        }
        if (Function == SourceFunction.Current)
        {
            double i = CurrentLevel_A;
            double v = SenseVoltage(i);
            if (v <= VoltageLimitHigh_V && v >= VoltageLimitLow_V) return new OperatingPoint(i, CellCurrent(i), v, false);
            // In compliance the source becomes a voltage source at the limit it hit; the current it sources or
            // sinks to hold it stays within the programmed magnitude.
            double target = v > VoltageLimitHigh_V ? VoltageLimitHigh_V : VoltageLimitLow_V;
            double iOp = OperatingPointSolver.CurrentForVoltage(SenseVoltage, target, -Math.Abs(i), Math.Abs(i));
            return new OperatingPoint(iOp, CellCurrent(iOp), SenseVoltage(iOp), true);
        }
        else
        {
            double limit = CurrentCompliance_A;
            double iOp = OperatingPointSolver.CurrentForVoltage(SenseVoltage, VoltageLevel_V, -limit, limit);
            bool clamped = Math.Abs(Math.Abs(iOp) - limit) <= 1e-12 * limit;
            return new OperatingPoint(iOp, CellCurrent(iOp), clamped ? SenseVoltage(iOp) : VoltageLevel_V, clamped);
        }
    }

    /// <summary>A reading now: the operating point plus any injected noise and drift.</summary>
    public ChannelReading Measure()
    {
        var op = Solve();
        double v = op.Voltage_V, i = op.Current_A;
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
