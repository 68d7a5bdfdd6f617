using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Running;

/// <summary>
/// Drives a cell model through a protocol: constant-current steps advance in a few large exact pieces,
/// voltage cutoffs are located by bisection on the cell's exact advance, constant-voltage holds solve
/// for the current. Each iteration of the innermost loop is one cycle.
/// </summary>
public sealed partial class ProtocolRunner
{
    private readonly CellModel _model;
    private readonly RunOptions _options;
    private readonly RunResult _result = new();
    private readonly double _activeMass_g_cm2;
    private readonly bool _deliveredOnDischarge;
    private double _previousCharge_mAh_cm2 = double.NaN;
    private readonly HashSet<CellEventKind> _seenEvents = new();
    private readonly Action<int>? _cycleCompleted;
    private CellState _state;
    private CycleAccumulator _cycle;
    private int _cycleNumber = 1;
    private int _stepNumber;
    private double _nextSample_s;
    private bool _stopped;

    private ProtocolRunner(CellModel model, CellState state, RunOptions options, Action<int>? cycleCompleted)
    {
        _model = model;
        _state = state;
        _options = options;
        _cycleCompleted = cycleCompleted;
        _activeMass_g_cm2 = model.Design.IsFullCell ? model.Design.CathodeLoading_mg_cm2 / 1000.0 : 0.0;
        _deliveredOnDischarge = model.Design.IsFullCell;
    }

    /// <summary>The cell's state after the run.</summary>
    public CellState FinalState => _state;

    /// <summary>Runs a protocol on a cell from the given state.</summary>
    public static RunResult Run(CellModel model, CellState state, Protocol protocol, RunOptions? options = null,
        CancellationToken cancellation = default, Action<int>? cycleCompleted = null)
        => Start(model, state, protocol, options, cancellation, cycleCompleted)._result;

    /// <summary>Runs a protocol and keeps the runner, for callers that need the final state.</summary>
    public static ProtocolRunner Start(CellModel model, CellState state, Protocol protocol, RunOptions? options = null,
        CancellationToken cancellation = default, Action<int>? cycleCompleted = null)
    {
        var runner = new ProtocolRunner(model, state, options ?? new RunOptions(), cycleCompleted);
        runner.Execute(protocol, cancellation);
        return runner;
    }

    public RunResult Result => _result;

    private void Execute(Protocol protocol, CancellationToken ct)
    {
        _safetyMin_V = protocol.SafetyMin_V ?? double.NegativeInfinity;
        _safetyMax_V = protocol.SafetyMax_V ?? double.PositiveInfinity;
        Record(0.0);
        RunNodes(protocol.Nodes, protocol.StopOnShort, ct);
        FinishCycle();
        if (ct.IsCancellationRequested) Stop(EndReasons.Cancelled);
    }

    private double _safetyMin_V = double.NegativeInfinity;
    private double _safetyMax_V = double.PositiveInfinity;

    private void RunNodes(IReadOnlyList<ProtocolNode> nodes, bool stopOnShort, CancellationToken ct)
    {
        foreach (var node in nodes)
        {
            if (_stopped || ct.IsCancellationRequested) return;
            switch (node)
            {
                case ProtocolStep step:
                    RunStep(step, stopOnShort);
                    break;
                case ProtocolLoop loop:
                    var innermost = !loop.Body.Any(n => n is ProtocolLoop);
                    for (var i = 0; i < loop.Count && !_stopped && !ct.IsCancellationRequested; i++)
                    {
                        if (innermost) FinishCycle();
                        RunNodes(loop.Body, stopOnShort, ct);
                    }
                    if (innermost) FinishCycle();
                    break;
            }
        }
    }

    private void FinishCycle()
    {
        if (!_cycle.HasCurrent && !_cycle.Attempted) return;
        var dead = _stopped ? null : DeadCycleReason();
        var record = _cycle.ToRecord(_cycleNumber, _state.Time_s, _activeMass_g_cm2, _deliveredOnDischarge,
            _model.HostStrain(_state), CellModel.DendriteLength_um(_state), _model.Inventory(_state), _previousCharge_mAh_cm2);
        _previousCharge_mAh_cm2 = _cycle.Charge_mAh_cm2;
        if (dead is not null) Stop(dead);
        // The cycle in which the cell stopped being able to cycle has no meaningful efficiency.
        if (EndReasons.CellCannotCycle(_result.EndReason)) record = record with { CoulombicEfficiency = double.NaN };
        _result.Cycles.Add(record);
        _cycleCompleted?.Invoke(_cycleNumber);
        _cycleNumber++;
        _cycle = default;
    }

    /// <summary>Why a cycle that moved no charge ends the run, or null when it moved some (or only rested).</summary>
    private string? DeadCycleReason() => _cycle.DeadCycleReason(
        everMoved: _result.Cycles.Any(c => c.Charge_mAh_cm2 + c.Discharge_mAh_cm2 > CycleAccumulator.NoCharge_mAh_cm2),
        liExhaustedSeen: _seenEvents.Contains(CellEventKind.LiExhausted), halfCell: _model.Design.Kind == CellKind.HalfCell);

    /// <summary>Current density in mA/cm2 for a step's current spec.</summary>
    private double CurrentDensity_mA_cm2(CurrentSpec c) => c.Unit switch
    {
        CurrentUnit.MilliAmpPerCm2 => c.Value,
        CurrentUnit.MilliAmp => c.Value / _model.Design.Area_cm2,
        CurrentUnit.Amp => c.Value * 1000.0 / _model.Design.Area_cm2,
        _ => c.Value * _model.RatedCapacity_mAh_cm2,
    };

    private void Record(double current_mA_cm2, double stepCapacity_mAh_cm2 = 0.0)
    {
        if (_options.OutputResolution_s <= 0) return;
        _nextSample_s = _state.Time_s + _options.OutputResolution_s;
        var v = _model.Voltage_V(_state, current_mA_cm2);
        _result.TimeSeries.Add(new TimeSeriesPoint(_state.Time_s, _cycleNumber, _stepNumber,
            current_mA_cm2 * _model.Design.Area_cm2, current_mA_cm2, v, stepCapacity_mAh_cm2,
            current_mA_cm2 == 0 ? 0.0 : Math.Abs(v - _model.OpenCircuitVoltage_V(_state)) * 1000.0)
        {
            Split = current_mA_cm2 == 0 ? default : _model.Overpotential(_state, current_mA_cm2),
        });
    }

    private void Note(CellEvents events)
    {
        if (events == CellEvents.None) return;
        Add(CellEvents.Short, CellEventKind.Short, "dendrite crossed the separator: internal short", always: true);
        Add(CellEvents.DendriteOnset, CellEventKind.DendriteOnset, "Sand's time reached: dendritic growth begins");
        Add(CellEvents.HostExpansion, CellEventKind.HostExpansion, "Li exceeds the host's static pore capacity: host expands");
        Add(CellEvents.HostOverflow, CellEventKind.HostOverflow, "host at its elastic limit: Li deposits on top");
        if (_model.Design.Kind != CellKind.HalfCell)
            Add(CellEvents.LiExhausted, CellEventKind.LiExhausted, "no connected Li left on the stripping electrode");

        void Add(CellEvents flag, CellEventKind kind, string detail, bool always = false)
        {
            if ((events & flag) == 0) return;
            if (!always && !_seenEvents.Add(kind)) return;
            _result.Events.Add(new CellEvent(_state.Time_s, _cycleNumber, kind, detail));
        }
    }
}
