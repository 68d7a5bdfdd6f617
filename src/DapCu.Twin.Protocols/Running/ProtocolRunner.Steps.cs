using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Running;

public sealed partial class ProtocolRunner
{
    private void RunStep(ProtocolStep step, bool stopOnShort)
    {
        _stepNumber++;
        if (step.Kind != StepKind.Rest) _cycle.Attempted = true;
        switch (step.Kind)
        {
            case StepKind.Rest:
                RunConstantCurrent(0.0, step.Duration_s ?? 0.0, null, stopOnShort);
                break;
            case StepKind.Hold:
                RunHold(step, stopOnShort);
                break;
            default:
                var j = CurrentDensity_mA_cm2(step.Current!.Value) * (step.Kind == StepKind.Charge ? 1.0 : -1.0);
                var duration = step.Duration_s ?? _options.MaxStepDuration_s;
                var capacity = CapacityLimit_mAh_cm2(step);
                if (capacity is { } q && j != 0) duration = Math.Min(duration, q / Math.Abs(j) * 3600.0);
                var cutoff = step.Cutoffs.OfType<VoltageCutoff>().Select(c => (double?)c.Voltage_V).FirstOrDefault();
                RunConstantCurrent(j, duration, cutoff, stopOnShort);
                break;
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

    /// <summary>Overpotential: distance of the terminal voltage from open circuit.</summary>
    private double Overpotential_mV(in CellState s, double j) =>
        Math.Abs(_model.Voltage_V(s, j) - _model.OpenCircuitVoltage_V(s)) * 1000.0;

    private static bool Crossed(double voltage_V, double current_mA_cm2, double? cutoff_V) => StepMath.Crossed(voltage_V, current_mA_cm2, cutoff_V);

    private void RunConstantCurrent(double j, double duration_s, double? cutoff_V, bool stopOnShort)
    {
        if (duration_s <= 0) return;
        var startVoltage = _model.Voltage_V(_state, j);
        Record(j);
        if (Crossed(startVoltage, j, cutoff_V))
        {
            _cycle.EndVoltage_V = startVoltage;
            _cycle.CutoffAtStart = true;
            if (j < 0) _cycle.DischargeBlocked = true;
            return;
        }

        var limit = _model.TimeToSourceLimit_s(_state, j);
        if (limit < 1.0) limit = double.PositiveInfinity; // source already spent: the step runs on parasitic current
        var chunk = Math.Max(Math.Min(duration_s, limit) / Math.Max(1, _options.SamplesPerStep), 1.0);
        if (_options.OutputResolution_s > 0) chunk = Math.Min(chunk, _options.OutputResolution_s);
        var eta = Math.Abs(startVoltage - _model.OpenCircuitVoltage_V(_state)) * 1000.0;
        var split = j != 0 ? _model.Overpotential(_state, j) : default;
        _cycle.Peak(j != 0 ? eta : 0.0);
        var elapsed = 0.0;
        var stepCapacity = 0.0;
        var voltage = startVoltage;
        while (elapsed < duration_s && !_stopped)
        {
            var dt = Math.Min(chunk, duration_s - elapsed);
            var before = _state;
            var events = _model.Advance(ref _state, j, dt);
            voltage = _model.Voltage_V(_state, j, out var splitEnd);
            var reached = Crossed(voltage, j, cutoff_V);
            if (reached)
            {
                dt = LocateCutoff(before, j, dt, voltage, cutoff_V!.Value);
                _state = before;
                events = _model.Advance(ref _state, j, dt);
                voltage = _model.Voltage_V(_state, j, out splitEnd);
            }
            var etaEnd = Math.Abs(voltage - _model.OpenCircuitVoltage_V(_state)) * 1000.0;
            if (j != 0)
            {
                // The spike at a cutoff is the step's end, not a plateau: it neither raises the mean nor the peak.
                var meanEnd = reached ? Math.Min(etaEnd, eta) : etaEnd;
                _cycle.AddOverpotential(0.5 * (eta + meanEnd), dt);
                _cycle.AddSplit(0.5 * (split + (reached && etaEnd > eta ? split : splitEnd)), dt);
                split = splitEnd;
                if (!reached) _cycle.Peak(etaEnd);
            }
            eta = etaEnd;
            _cycle.AddCharge(j, dt);
            elapsed += dt;
            stepCapacity += Math.Abs(j) * dt / 3600.0;
            Note(events);
            if ((events & CellEvents.Short) != 0 && stopOnShort) Stop(EndReasons.Short);
            CheckSafety(voltage); // a cycler's own limit stops it first, as on the bench
            StopIfSymmetricCellRanOut(events);
            if (reached || elapsed >= duration_s || _stopped || _state.Time_s >= _nextSample_s - 1e-9) Record(j, stepCapacity);
            if (reached) break;
            if (elapsed >= limit && limit < duration_s)
            {
                // Past the source limit the voltage runs away; step on in finer pieces to the cutoff or the duration.
                limit = double.PositiveInfinity;
                chunk = Math.Max(chunk / 4.0, 1.0);
            }
        }
        _cycle.EndVoltage_V = voltage;
    }

    private double LocateCutoff(CellState before, double j, double dt, double endVoltage_V, double cutoff_V) =>
        StepMath.LocateCutoff(_model, before, j, dt, endVoltage_V, cutoff_V);

    private void RunHold(ProtocolStep step, bool stopOnShort)
    {
        var hold_V = step.HoldVoltage_V!.Value;
        var duration = step.Duration_s ?? _options.MaxStepDuration_s;
        var cutoff = step.Cutoffs.OfType<CurrentCutoff>().Select(c => (double?)Math.Abs(CurrentDensity_mA_cm2(c.Current))).FirstOrDefault();
        var capacity = CapacityLimit_mAh_cm2(step);
        var maxJ = _options.MaxHoldCRate * _model.RatedCapacity_mAh_cm2;
        var chunk = _options.OutputResolution_s > 0 ? Math.Min(_options.OutputResolution_s, 30.0) : 30.0;
        var elapsed = 0.0;
        var stepCapacity = 0.0;
        Record(0.0);
        while (elapsed < duration && !_stopped)
        {
            var dt = Math.Min(chunk, duration - elapsed);
            var j = SolveHoldCurrent(hold_V, maxJ, dt);
            if (cutoff is { } jc && Math.Abs(j) <= jc) break;
            if (capacity is { } q) dt = Math.Min(dt, Math.Max((q - stepCapacity) / Math.Max(Math.Abs(j), 1e-12) * 3600.0, 1e-3));
            var events = _model.Advance(ref _state, j, dt);
            _cycle.AddCharge(j, dt);
            var eta = Overpotential_mV(_state, j);
            _cycle.AddOverpotential(eta, dt);
            if (j != 0) _cycle.AddSplit(_model.Overpotential(_state, j), dt);
            _cycle.Peak(eta);
            elapsed += dt;
            stepCapacity += Math.Abs(j) * dt / 3600.0;
            Note(events);
            if ((events & CellEvents.Short) != 0 && stopOnShort) Stop(EndReasons.Short);
            StopIfSymmetricCellRanOut(events);
            if (_state.Time_s >= _nextSample_s - 1e-9) Record(j, stepCapacity);
            if (capacity is { } qq && stepCapacity >= qq * (1 - 1e-9)) break;
            // Nothing left to charge or discharge: only parasitic current would flow, so the hold is over.
            if ((events & (CellEvents.CathodeLimit | CellEvents.LiExhausted)) != 0) break;
        }
        _cycle.EndVoltage_V = _model.Voltage_V(_state, 0.0);
    }

    private double SolveHoldCurrent(double hold_V, double maxJ, double dt) => StepMath.SolveHoldCurrent(_model, _state, hold_V, maxJ, dt);

    /// <summary>A cycler's safety limits: outside them the test is stopped, as the instrument would.</summary>
    private void CheckSafety(double voltage_V)
    {
        if (_stopped || (voltage_V >= _safetyMin_V && voltage_V <= _safetyMax_V)) return;
        var detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"terminal voltage {voltage_V:F3} V outside the safety limits {_safetyMin_V:G} V to {_safetyMax_V:G} V");
        _result.Events.Add(new Physics.Results.CellEvent(_state.Time_s, _cycleNumber, Physics.Results.CellEventKind.Note, detail));
        Stop(EndReasons.SafetyLimit);
    }

    /// <summary>A symmetric cell whose stripping electrode has no connected Li left cannot cycle any more:
    /// whatever current still flows is not Li moving (the voltage runs away), so the run ends here.</summary>
    private void StopIfSymmetricCellRanOut(CellEvents events)
    {
        if (!_stopped && (events & CellEvents.LiExhausted) != 0 && _model.Design.Kind == CellKind.Symmetric) Stop(EndReasons.LiExhausted);
    }

    /// <summary>Ends the run: the reason goes to the result and, as the run's last event, to events.csv.</summary>
    private void Stop(string reason)
    {
        if (_result.EndedEarly) return;
        _stopped = true;
        _result.EndedEarly = true;
        _result.EndReason = reason;
        _result.Events.Add(new Physics.Results.CellEvent(_state.Time_s, _cycleNumber, Physics.Results.CellEventKind.RunEnded, EndReasons.Describe(reason)));
    }
}
