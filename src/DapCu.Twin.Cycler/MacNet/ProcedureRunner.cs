using System.Globalization;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Cycler.MacNet;

/// <summary>
/// Runs a test procedure on a channel, the way a Maccor runs a schedule after (6,2) "start test". The procedure is
/// this project's protocol text (docs/protocol-format: Charge/Discharge at a current until a voltage or capacity,
/// Hold at a voltage until a current, Rest for a time, Repeat N times), so a schedule written for `dapcu run` runs
/// on an emulated channel unchanged. Steps are sourced as a Maccor does: a current step with its voltage end as the
/// limit (the source holds it, the step ends there), a hold as a voltage source. Each pass of an innermost loop is
/// a cycle. Time is the channel's lazy time: the procedure advances whenever the channel does.
/// </summary>
public sealed class ProcedureRunner : IChannelController
{
    private const double NoLimit_V = 1e6;
    private readonly VirtualChannel _channel;
    private readonly IEnumerator<(ProtocolStep Step, bool NewCycle)> _steps;
    private readonly double _oneC_A;
    private ProtocolStep? _step;
    private double _stepStart_s, _stepCharge_Ah;

    public ProcedureRunner(VirtualChannel channel, Protocol protocol, double oneC_A)
    {
        _channel = channel;
        _oneC_A = oneC_A;
        _steps = Walk(protocol.Nodes).GetEnumerator();
        Next();
    }

    public int StepNumber { get; private set; }
    public int Cycle { get; private set; }
    public bool Done { get; private set; }
    public double StepStart_s => _stepStart_s;
    public double StepCharge_Ah => _stepCharge_Ah;
    public double? Deadline_s => _step?.Duration_s is { } d ? _stepStart_s + d : null;

    public void AfterStep(OperatingPoint op, double dt_s)
    {
        if (_step is not { } s) return;
        double stepTime = _channel.Time_s - _stepStart_s, q_mAh = Math.Abs(_channel.Charge_Ah - _stepCharge_Ah) * 1000;
        const double tol = 1e-9;
        bool end = s.Duration_s is { } d && stepTime >= d - 1e-9;
        foreach (var c in s.Cutoffs)
            end |= c switch
            {
                VoltageCutoff v => s.Kind == StepKind.Discharge ? op.Voltage_V <= v.Voltage_V + tol : op.Voltage_V >= v.Voltage_V - tol,
                CapacityCutoff q => q_mAh >= q.Capacity_mAh_cm2 * _channel.Cell.Area_cm2,
                AbsoluteCapacityCutoff q => q_mAh >= q.Capacity_mAh,
                CurrentCutoff i => Math.Abs(op.Current_A) <= Amps(i.Current),
                _ => false,
            };
        if (end) Next();
    }

    private void Next()
    {
        if (!_steps.MoveNext())
        {
            _step = null;
            Done = true;
            _channel.SetOutput(false);
            _channel.Record("macnet", "procedure complete");
            return;
        }
        var (step, newCycle) = _steps.Current;
        if (newCycle) Cycle++;
        StepNumber++;
        _step = step;
        _stepStart_s = _channel.Time_s;
        _stepCharge_Ah = _channel.Charge_Ah;
        Apply(step);
    }

    private void Apply(ProtocolStep s)
    {
        double? vEnd = s.Cutoffs.OfType<VoltageCutoff>().Select(v => (double?)v.Voltage_V).FirstOrDefault();
        double i = s.Current is { } c ? Amps(c) : 0;
        if (s.Kind == StepKind.Hold)
        {
            _channel.Function = SourceFunction.Voltage;
            _channel.VoltageLevel_V = s.HoldVoltage_V ?? 0;
            _channel.CurrentCompliance_A = i > 0 ? i : 1.0;
        }
        else
        {
            _channel.Function = SourceFunction.Current;
            _channel.CurrentLevel_A = s.Kind switch { StepKind.Charge => i, StepKind.Discharge => -i, _ => 0 };
            _channel.VoltageLimitHigh_V = s.Kind == StepKind.Charge && vEnd is { } hi ? hi : NoLimit_V;
            _channel.VoltageLimitLow_V = s.Kind == StepKind.Discharge && vEnd is { } lo ? lo : -NoLimit_V;
        }
        _channel.SetOutput(true);
        _channel.Record("macnet", string.Create(CultureInfo.InvariantCulture, $"step {StepNumber} (cycle {Cycle}): {s.Kind} {(s.Current?.ToString() ?? "")} at line {s.Location.Line}"));
    }

    private double Amps(CurrentSpec c) => c.Unit switch
    {
        CurrentUnit.MilliAmpPerCm2 => c.Value * _channel.Cell.Area_cm2 / 1000,
        CurrentUnit.MilliAmp => c.Value / 1000,
        CurrentUnit.Amp => c.Value,
        _ => c.Value * _oneC_A,
    };

    /// <summary>The steps in order; NewCycle marks the first step of each pass of an innermost loop.</summary>
    private static IEnumerable<(ProtocolStep, bool)> Walk(IReadOnlyList<ProtocolNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is ProtocolStep step) { yield return (step, false); continue; }
            var loop = (ProtocolLoop)node;
            bool innermost = loop.Body.All(n => n is ProtocolStep);
            for (int k = 0; k < loop.Count; k++)
            {
                bool first = innermost;
                foreach (var (s, newCycle) in Walk(loop.Body))
                {
                    yield return (s, newCycle || first);
                    first = false;
                }
            }
        }
    }
}
