using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Running.Cursor;

/// <summary>
/// Runs a protocol on a cell in resumable slices: <see cref="AdvanceTo"/> takes every exact piece that ends
/// by a given cell time and stops, and a later call continues from the (state, position) pair. The pieces
/// are those <see cref="ProtocolRunner"/> takes without a time series (the same lengths, cutoff searches
/// and sums), and where a slice stops never changes them, so running to t1 and then to t2 is bit-identical
/// to running to t2, and a run to the end gives the runner's cycle table. Pure: no clock, no I/O;
/// immutable and shared by all cells of one model.
/// </summary>
public sealed class ProtocolCursor
{
    private readonly CellModel _model;
    private readonly ProtocolProgram _program;
    private readonly RunOptions _options;
    private readonly double _activeMass_g_cm2;
    private readonly bool _deliveredOnDischarge;
    private readonly double _safetyMin_V, _safetyMax_V;

    public ProtocolCursor(CellModel model, ProtocolProgram program, RunOptions? options = null)
    {
        _options = options ?? new RunOptions { OutputResolution_s = 0 };
        if (_options.OutputResolution_s > 0)
            throw new ArgumentException("a protocol cursor records no time series: OutputResolution_s must be 0", nameof(options));
        _model = model;
        _program = program;
        _activeMass_g_cm2 = model.Design.IsFullCell ? model.Design.CathodeLoading_mg_cm2 / 1000.0 : 0.0;
        _deliveredOnDischarge = model.Design.IsFullCell;
        _safetyMin_V = program.Protocol.SafetyMin_V ?? double.NegativeInfinity;
        _safetyMax_V = program.Protocol.SafetyMax_V ?? double.PositiveInfinity;
    }

    public CellModel Model => _model;
    public ProtocolProgram Program => _program;

    /// <summary>
    /// Takes every piece that ends at or before <paramref name="until_s"/> (cell time; +inf runs to the end)
    /// and at most <paramref name="maxPieces"/> of them. Returns the cell time at which the next piece ends
    /// (when the cell next needs attention), +inf once the protocol is over.
    /// </summary>
    public double AdvanceTo(ref CellState s, ref ProtocolPosition p, double until_s, ICursorObserver? observer = null, int maxPieces = int.MaxValue)
    {
        var pieces = 0;
        while (!p.Finished)
        {
            if (p.Phase == StepPhase.AtInstruction)
            {
                Execute(ref s, ref p, observer);
                continue;
            }
            var step = _program.Code[p.Pc].Step!;
            var due = s.Time_s + NominalPiece_s(step, p);
            if (due > until_s || pieces >= maxPieces) return due;
            if (p.Phase == StepPhase.ConstantCurrent) ConstantCurrentPiece(ref s, ref p, step, observer);
            else HoldPiece(ref s, ref p, step, observer);
            pieces++;
            p.Pieces++;
        }
        return double.PositiveInfinity;
    }

    /// <summary>Runs the whole protocol from assembly (the runner's <see cref="RunResult"/>, cycle table and events).</summary>
    public RunResult Run(ref CellState s)
    {
        var p = ProtocolPosition.Start;
        var observer = new RunResultObserver();
        AdvanceTo(ref s, ref p, double.PositiveInfinity, observer);
        observer.Result.EndedEarly = p.EndedEarly;
        observer.Result.EndReason = Reason(p.Stopped);
        return observer.Result;
    }

    public static string? Reason(StopReason reason) => reason switch
    {
        StopReason.InternalShort => EndReasons.Short,
        StopReason.SafetyLimit => EndReasons.SafetyLimit,
        StopReason.LiExhausted => EndReasons.LiExhausted,
        StopReason.NoCapacity => EndReasons.NoCapacity,
        StopReason.NoCurrent => EndReasons.NoCurrent,
        StopReason.CutoffAtStart => EndReasons.CutoffAtStart,
        _ => null,
    };

    /// <summary>Length of the next piece before any cutoff shortens it.</summary>
    private double NominalPiece_s(ProtocolStep step, in ProtocolPosition p) => p.Phase == StepPhase.Hold
        ? Math.Min(HoldPiece_s, HoldDuration_s(step) - p.StepElapsed_s)
        : Math.Min(p.Piece_s, Drive(step).Duration_s - p.StepElapsed_s);

    private double HoldPiece_s => 30.0;

    private double HoldDuration_s(ProtocolStep step) => step.Duration_s ?? _options.MaxStepDuration_s;

    private void Execute(ref CellState s, ref ProtocolPosition p, ICursorObserver? observer)
    {
        var ins = _program.Code[p.Pc];
        switch (ins.Op)
        {
            case OpCode.Step:
                BeginStep(ref s, ref p, ins.Step!, observer);
                break;
            case OpCode.LoopEnter:
                Counter(ref p, ins.Depth) = 0;
                p.Pc++;
                break;
            case OpCode.LoopCheck:
                if (ins.Innermost) FinishCycle(s, ref p, observer);
                p.Pc = p.Stopped != StopReason.None ? _program.EndPc
                    : Counter(ref p, ins.Depth) < ins.Count ? p.Pc + 1 : ins.Target;
                break;
            case OpCode.LoopNext:
                Counter(ref p, ins.Depth)++;
                p.Pc = ins.Target;
                break;
            default:
                FinishCycle(s, ref p, observer);
                p.Finished = true;
                break;
        }
    }

    private static ref int Counter(ref ProtocolPosition p, int depth)
    {
        switch (depth)
        {
            case 0: return ref p.Loop0;
            case 1: return ref p.Loop1;
            case 2: return ref p.Loop2;
            default: return ref p.Loop3;
        }
    }

    private readonly record struct StepDrive(double Current_mA_cm2, double Duration_s, double? Cutoff_V);

    /// <summary>Current, duration and voltage cutoff of a charge, discharge or rest step (as the runner derives them).</summary>
    private StepDrive Drive(ProtocolStep step)
    {
        if (step.Kind == StepKind.Rest) return new StepDrive(0.0, step.Duration_s ?? 0.0, null);
        var j = CurrentDensity_mA_cm2(step.Current!.Value) * (step.Kind == StepKind.Charge ? 1.0 : -1.0);
        var duration = step.Duration_s ?? _options.MaxStepDuration_s;
        if (CapacityLimit_mAh_cm2(step) is { } q && j != 0) duration = Math.Min(duration, q / Math.Abs(j) * 3600.0);
        double? cutoff = null;
        foreach (var c in step.Cutoffs)
            if (c is VoltageCutoff v) { cutoff = v.Voltage_V; break; }
        return new StepDrive(j, duration, cutoff);
    }

    private void BeginStep(ref CellState s, ref ProtocolPosition p, ProtocolStep step, ICursorObserver? observer)
    {
        p.Step++;
        if (step.Kind != StepKind.Rest) p.Open.Attempted = true;
        p.StepElapsed_s = 0;
        p.StepCapacity_mAh_cm2 = 0;
        if (step.Kind == StepKind.Hold)
        {
            p.Current_mA_cm2 = 0;
            if (HoldDuration_s(step) > 0) { p.Phase = StepPhase.Hold; return; }
            EndHold(s, ref p);
            return;
        }
        var d = Drive(step);
        p.Current_mA_cm2 = d.Current_mA_cm2;
        if (d.Duration_s <= 0) { p.Pc++; return; }
        var startVoltage = _model.Voltage_V(s, d.Current_mA_cm2);
        if (StepMath.Crossed(startVoltage, d.Current_mA_cm2, d.Cutoff_V))
        {
            p.Open.EndVoltage_V = startVoltage;
            p.Open.CutoffAtStart = true;
            if (d.Current_mA_cm2 < 0) p.Open.DischargeBlocked = true;
            p.Pc++;
            return;
        }
        var limit = _model.TimeToSourceLimit_s(s, d.Current_mA_cm2);
        if (limit < 1.0) limit = double.PositiveInfinity; // source already spent: the step runs on parasitic current
        p.SourceLimit_s = limit;
        p.Piece_s = Math.Max(Math.Min(d.Duration_s, limit) / Math.Max(1, _options.SamplesPerStep), 1.0);
        p.Overpotential_mV = Math.Abs(startVoltage - _model.OpenCircuitVoltage_V(s)) * 1000.0;
        p.Open.Peak(d.Current_mA_cm2 != 0 ? p.Overpotential_mV : 0.0);
        p.Voltage_V = startVoltage;
        p.Phase = StepPhase.ConstantCurrent;
    }

    private void ConstantCurrentPiece(ref CellState s, ref ProtocolPosition p, ProtocolStep step, ICursorObserver? observer)
    {
        var (j, duration, cutoff) = Drive(step);
        var dt = Math.Min(p.Piece_s, duration - p.StepElapsed_s);
        // The terms at the piece's start are a function of the state (the runner carries them over from the
        // previous piece's end); recomputing them keeps 64 bytes per live cell out of the position.
        var split = j != 0 ? _model.Overpotential(s, j) : default;
        var before = s;
        var events = _model.Advance(ref s, j, dt);
        var voltage = _model.Voltage_V(s, j, out var splitEnd);
        var reached = StepMath.Crossed(voltage, j, cutoff);
        if (reached)
        {
            dt = StepMath.LocateCutoff(_model, before, j, dt, voltage, cutoff!.Value);
            s = before;
            events = _model.Advance(ref s, j, dt);
            voltage = _model.Voltage_V(s, j, out splitEnd);
        }
        observer?.Piece(before, j, dt);
        var etaEnd = Math.Abs(voltage - _model.OpenCircuitVoltage_V(s)) * 1000.0;
        if (j != 0)
        {
            // The spike at a cutoff is the step's end, not a plateau: it neither raises the mean nor the peak.
            var meanEnd = reached ? Math.Min(etaEnd, p.Overpotential_mV) : etaEnd;
            p.Open.AddOverpotential(0.5 * (p.Overpotential_mV + meanEnd), dt);
            p.Open.AddSplit(0.5 * (split + (reached && etaEnd > p.Overpotential_mV ? split : splitEnd)), dt);
            if (!reached) p.Open.Peak(etaEnd);
        }
        p.Overpotential_mV = etaEnd;
        p.Voltage_V = voltage;
        p.Open.AddCharge(j, dt);
        p.StepElapsed_s += dt;
        Note(s, ref p, events, observer);
        if ((events & CellEvents.Short) != 0 && _program.Protocol.StopOnShort) Stop(s, ref p, StopReason.InternalShort, observer);
        CheckSafety(s, ref p, voltage, observer);
        StopIfSymmetricCellRanOut(s, ref p, events, observer);
        if (!reached && p.StepElapsed_s >= p.SourceLimit_s && p.SourceLimit_s < duration)
        {
            // Past the source limit the voltage runs away; step on in finer pieces to the cutoff or the duration.
            p.SourceLimit_s = double.PositiveInfinity;
            p.Piece_s = Math.Max(p.Piece_s / 4.0, 1.0);
        }
        if (reached || p.StepElapsed_s >= duration || p.Stopped != StopReason.None)
        {
            p.Open.EndVoltage_V = voltage;
            EndStep(ref p);
        }
    }

    private void HoldPiece(ref CellState s, ref ProtocolPosition p, ProtocolStep step, ICursorObserver? observer)
    {
        var hold_V = step.HoldVoltage_V!.Value;
        var duration = HoldDuration_s(step);
        double? cutoff = null;
        foreach (var c in step.Cutoffs)
            if (c is CurrentCutoff cc) { cutoff = Math.Abs(CurrentDensity_mA_cm2(cc.Current)); break; }
        var capacity = CapacityLimit_mAh_cm2(step);
        var maxJ = _options.MaxHoldCRate * _model.RatedCapacity_mAh_cm2;
        var dt = Math.Min(HoldPiece_s, duration - p.StepElapsed_s);
        var j = StepMath.SolveHoldCurrent(_model, s, hold_V, maxJ, dt);
        if (cutoff is { } jc && Math.Abs(j) <= jc) { EndHold(s, ref p); return; }
        if (capacity is { } q) dt = Math.Min(dt, Math.Max((q - p.StepCapacity_mAh_cm2) / Math.Max(Math.Abs(j), 1e-12) * 3600.0, 1e-3));
        var before = s;
        var events = _model.Advance(ref s, j, dt);
        observer?.Piece(before, j, dt);
        p.Current_mA_cm2 = j;
        p.Open.AddCharge(j, dt);
        var eta = Math.Abs(_model.Voltage_V(s, j) - _model.OpenCircuitVoltage_V(s)) * 1000.0;
        p.Open.AddOverpotential(eta, dt);
        if (j != 0) p.Open.AddSplit(_model.Overpotential(s, j), dt);
        p.Open.Peak(eta);
        p.StepElapsed_s += dt;
        p.StepCapacity_mAh_cm2 += Math.Abs(j) * dt / 3600.0;
        Note(s, ref p, events, observer);
        if ((events & CellEvents.Short) != 0 && _program.Protocol.StopOnShort) Stop(s, ref p, StopReason.InternalShort, observer);
        StopIfSymmetricCellRanOut(s, ref p, events, observer);
        var done = (capacity is { } qq && p.StepCapacity_mAh_cm2 >= qq * (1 - 1e-9))
            // Nothing left to charge or discharge: only parasitic current would flow, so the hold is over.
            || (events & (CellEvents.CathodeLimit | CellEvents.LiExhausted)) != 0
            || p.StepElapsed_s >= duration || p.Stopped != StopReason.None;
        if (done) EndHold(s, ref p);
    }

    private void EndHold(in CellState s, ref ProtocolPosition p)
    {
        p.Open.EndVoltage_V = _model.Voltage_V(s, 0.0);
        EndStep(ref p);
    }

    private void EndStep(ref ProtocolPosition p)
    {
        p.Phase = StepPhase.AtInstruction;
        p.Current_mA_cm2 = 0;
        // A stopped run leaves every loop: only the open cycle is closed (at End), as the runner does.
        p.Pc = p.Stopped != StopReason.None ? _program.EndPc : p.Pc + 1;
    }

    private void FinishCycle(in CellState s, ref ProtocolPosition p, ICursorObserver? observer)
    {
        if (!p.Open.HasCurrent && !p.Open.Attempted) return;
        var dead = p.Stopped != StopReason.None ? StopReason.None : DeadCycleReason(p);
        var record = p.Open.ToRecord(p.Cycle, s.Time_s, _activeMass_g_cm2, _deliveredOnDischarge,
            _model.HostStrain(s), CellModel.DendriteLength_um(s), _model.Inventory(s), p.PreviousCharge_mAh_cm2);
        p.PreviousCharge_mAh_cm2 = p.Open.Charge_mAh_cm2;
        if (dead != StopReason.None) Stop(s, ref p, dead, observer);
        // The cycle in which the cell stopped being able to cycle has no meaningful efficiency.
        if (EndReasons.CellCannotCycle(Reason(p.Stopped))) record = record with { CoulombicEfficiency = double.NaN };
        if (p.Open.MovedCharge) p.EverMoved = true;
        observer?.CycleCompleted(record);
        p.Cycle++;
        p.CompletedCycles++;
        p.Open = default;
    }

    /// <summary>Ends the run (as the runner's Stop): the first reason sticks and is the run's last event.</summary>
    private static void Stop(in CellState s, ref ProtocolPosition p, StopReason reason, ICursorObserver? observer)
    {
        if (p.Stopped != StopReason.None) return;
        p.Stopped = reason;
        observer?.EventOccurred(new CellEvent(s.Time_s, p.Cycle, CellEventKind.RunEnded, EndReasons.Describe(Reason(reason))));
    }

    /// <summary>A symmetric cell whose stripping electrode has no connected Li left cannot cycle any more (as the runner).</summary>
    private void StopIfSymmetricCellRanOut(in CellState s, ref ProtocolPosition p, CellEvents events, ICursorObserver? observer)
    {
        if (p.Stopped == StopReason.None && (events & CellEvents.LiExhausted) != 0 && _model.Design.Kind == CellKind.Symmetric)
            Stop(s, ref p, StopReason.LiExhausted, observer);
    }

    /// <summary>Why a cycle that moved no charge ends the run, or None when it moved some (the runner's rule).</summary>
    private StopReason DeadCycleReason(in ProtocolPosition p) => p.Open.DeadCycleReason(p.EverMoved,
        liExhaustedSeen: (p.SeenEvents & (1 << (int)CellEventKind.LiExhausted)) != 0, halfCell: _model.Design.Kind == CellKind.HalfCell) switch
    {
        EndReasons.LiExhausted => StopReason.LiExhausted,
        EndReasons.NoCapacity => StopReason.NoCapacity,
        EndReasons.NoCurrent => StopReason.NoCurrent,
        EndReasons.CutoffAtStart => StopReason.CutoffAtStart,
        _ => StopReason.None,
    };

    /// <summary>A cycler's safety limits: outside them the test is stopped, as the instrument would.</summary>
    private void CheckSafety(in CellState s, ref ProtocolPosition p, double voltage_V, ICursorObserver? observer)
    {
        if (p.Stopped != StopReason.None || (voltage_V >= _safetyMin_V && voltage_V <= _safetyMax_V)) return;
        var detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"terminal voltage {voltage_V:F3} V outside the safety limits {_safetyMin_V:G} V to {_safetyMax_V:G} V");
        observer?.EventOccurred(new CellEvent(s.Time_s, p.Cycle, CellEventKind.Note, detail));
        Stop(s, ref p, StopReason.SafetyLimit, observer);
    }

    private void Note(in CellState s, ref ProtocolPosition p, CellEvents events, ICursorObserver? observer)
    {
        if (events == CellEvents.None) return;
        Add(ref p, s, CellEvents.Short, CellEventKind.Short, "dendrite crossed the separator: internal short", always: true);
        Add(ref p, s, CellEvents.DendriteOnset, CellEventKind.DendriteOnset, "Sand's time reached: dendritic growth begins");
        Add(ref p, s, CellEvents.HostExpansion, CellEventKind.HostExpansion, "Li exceeds the host's static pore capacity: host expands");
        Add(ref p, s, CellEvents.HostOverflow, CellEventKind.HostOverflow, "host at its elastic limit: Li deposits on top");
        if (_model.Design.Kind != CellKind.HalfCell)
            Add(ref p, s, CellEvents.LiExhausted, CellEventKind.LiExhausted, "no connected Li left on the stripping electrode");

        void Add(ref ProtocolPosition p, in CellState s, CellEvents flag, CellEventKind kind, string detail, bool always = false)
        {
            if ((events & flag) == 0) return;
            var bit = 1 << (int)kind;
            if (!always && (p.SeenEvents & bit) != 0) return;
            p.SeenEvents |= bit;
            observer?.EventOccurred(new CellEvent(s.Time_s, p.Cycle, kind, detail));
        }
    }

    private double? CapacityLimit_mAh_cm2(ProtocolStep step)
    {
        foreach (var c in step.Cutoffs)
        {
            if (c is CapacityCutoff cc) return cc.Capacity_mAh_cm2;
            if (c is AbsoluteCapacityCutoff ac) return ac.Capacity_mAh / _model.Design.Area_cm2;
        }
        return null;
    }

    private double CurrentDensity_mA_cm2(CurrentSpec c) => c.Unit switch
    {
        CurrentUnit.MilliAmpPerCm2 => c.Value,
        CurrentUnit.MilliAmp => c.Value / _model.Design.Area_cm2,
        CurrentUnit.Amp => c.Value * 1000.0 / _model.Design.Area_cm2,
        _ => c.Value * _model.RatedCapacity_mAh_cm2,
    };
}
