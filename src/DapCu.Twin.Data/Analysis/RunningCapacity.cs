namespace DapCu.Twin.Data.Analysis;

/// <summary>
/// Test-cumulative charge and discharge capacity with BDF's meaning (from test start, never reset), record by
/// record. From the instrument's counters when the file has them (their increments; a drop is a reset, after which
/// the value itself is the increment), else from the measured current, never integrated across a logging gap
/// (<see cref="GapDetector"/>).
/// </summary>
public sealed class RunningCapacity
{
    private readonly GapDetector _gaps = new();
    private CyclerRow _previous;
    private bool _hasPrevious;

    public double Charge_Ah { get; private set; }
    public double Discharge_Ah { get; private set; }
    /// <summary>∫|I|dt since the step began (BDF step_cumulative_capacity_ah); the instrument's step counter when it has one.</summary>
    public double Step_Ah { get; private set; }

    public void Add(in CyclerRow row)
    {
        bool sameStep = _hasPrevious && row.Cycle == _previous.Cycle && row.Step == _previous.Step;
        if (!sameStep) Step_Ah = 0;
        if (_hasPrevious)
        {
            bool counters = !double.IsNaN(row.ChargeCapacity_Ah) || !double.IsNaN(row.DischargeCapacity_Ah);
            double dt = row.Time_s - _previous.Time_s;
            bool gap = _gaps.IsGap(dt, sameStep);
            double i = sameStep ? 0.5 * (row.Current_A + _previous.Current_A) : row.Current_A;
            double integrated = gap ? 0 : Math.Abs(i) * dt / 3600;
            if (counters)
            {
                Charge_Ah += Increment(row.ChargeCapacity_Ah, _previous.ChargeCapacity_Ah);
                Discharge_Ah += Increment(row.DischargeCapacity_Ah, _previous.DischargeCapacity_Ah);
            }
            else if (!double.IsNaN(row.StepCapacity_Ah))
            {
                double step = sameStep ? Increment(row.StepCapacity_Ah, _previous.StepCapacity_Ah) : Math.Abs(row.StepCapacity_Ah);
                if (Sign(row) > 0) Charge_Ah += step; else if (Sign(row) < 0) Discharge_Ah += step;
            }
            else if (i > 0) Charge_Ah += integrated;
            else Discharge_Ah += integrated;
            Step_Ah += integrated;
        }
        if (!double.IsNaN(row.StepCapacity_Ah)) Step_Ah = Math.Abs(row.StepCapacity_Ah);
        _previous = row;
        _hasPrevious = true;
    }

    private static int Sign(in CyclerRow row) => row.StepType switch
    {
        StepKind.Charge => 1,
        StepKind.Discharge => -1,
        _ => Math.Sign(row.Current_A),
    };

    private static double Increment(double value, double previous)
    {
        if (double.IsNaN(value)) return 0;
        value = Math.Abs(value);
        if (double.IsNaN(previous)) return value;
        previous = Math.Abs(previous);
        return value >= previous ? value - previous : value;
    }
}
