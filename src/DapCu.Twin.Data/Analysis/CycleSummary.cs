namespace DapCu.Twin.Data.Analysis;

/// <summary>Which half-cycle's charge is the reference (denominator) of the Coulombic efficiency.</summary>
public enum CeReference
{
    /// <summary>The direction of the first current in the file: charge-first cells (full cells) give
    /// CE = Q_discharge / Q_charge; discharge-first cells (Li plating on Cu, lithiating graphite vs Li) give
    /// CE = Q_charge / Q_discharge, i.e. stripped over plated.</summary>
    Auto,
    ChargeFirst,
    DischargeFirst,
}

/// <summary>Where per-cycle capacities come from.</summary>
public enum CapacitySource
{
    /// <summary>The instrument's charge/discharge capacity counters (Arbin, Neware, BDF, BioLogic Q charge/discharge).</summary>
    ChargeDischargeCounters,
    /// <summary>The instrument's per-step capacity counter (Maccor Amp-hr, Neware Capacity), split by step type.</summary>
    StepCounter,
    /// <summary>Integrating the measured current, never across a logging gap.</summary>
    IntegratedCurrent,
}

/// <param name="ChargeCapacity_Ah">Charge passed into the cell (see <see cref="DataSummary.CapacitySource"/>).</param>
/// <param name="DischargeCapacity_Ah">Charge taken out of the cell.</param>
/// <param name="CoulombicEfficiency">Returned over inserted charge (see <see cref="CeReference"/>); null when nothing was inserted.</param>
public sealed record CycleStats(
    int Cycle, long Rows, double Start_s, double End_s,
    double ChargeCapacity_Ah, double DischargeCapacity_Ah, double? CoulombicEfficiency,
    double MinVoltage_V, double MaxVoltage_V, double MinCurrent_A, double MaxCurrent_A, int LoggingGaps = 0);

public sealed record DataSummary(
    long Rows, double Start_s, double End_s,
    double MinCurrent_A, double MaxCurrent_A, double MinVoltage_V, double MaxVoltage_V,
    CeReference CeReference, IReadOnlyList<CycleStats> Cycles,
    CapacitySource CapacitySource = CapacitySource.IntegratedCurrent, int LoggingGaps = 0, double LongestGap_s = 0,
    long ImpedancePoints = 0, double MinFrequency_Hz = double.NaN, double MaxFrequency_Hz = double.NaN)
{
    public int CycleCount => Cycles.Count;
    public double Duration_s => End_s - Start_s;
}

/// <summary>
/// Per-cycle capacities, Coulombic efficiency and ranges, accumulated record by record so it also works on a
/// stream. Capacities come from the instrument's own counters where the file has them: they were integrated by
/// the instrument at its internal rate, so they stay right across logging gaps and pauses. Counters reset by
/// step, cycle or never depending on the maker, so a counter's increments are summed (a drop is a reset, after
/// which the value itself is the increment). Without counters the current is integrated (trapezoids within a
/// step; across a step change the new step's current, which is what the cycler applied), skipping logging gaps:
/// a <see cref="GapDetector"/> gap is not integrated (a Maccor file with dropped records otherwise gives 44 Ah for
/// a 4.8 Ah cell); each cycle counts its gaps, so a capacity that misses part of a step is visible as such.
/// </summary>
public sealed class CycleSummaryBuilder(CeReference ceReference = CeReference.Auto, bool useCounters = true)
{
    private const double ZeroCurrent_A = 1e-12;
    private readonly List<Acc> _cycles = [];
    private Acc? _current;
    private CyclerRow _previous;
    private bool _hasPrevious;
    private long _rows;
    private double _minI = double.PositiveInfinity, _maxI = double.NegativeInfinity, _minV = double.PositiveInfinity, _maxV = double.NegativeInfinity;
    private int _firstSign;
    private bool _chargeCounters, _stepCounter;
    private readonly GapDetector _gapDetector = new();
    private double _longestGap;
    private int _gaps;

    private sealed class Acc(int cycle, double start)
    {
        public int Cycle = cycle;
        public long Rows;
        public double Start = start, End = start, Charge_As, Discharge_As;
        public int Gaps;
        public double CounterCharge_Ah, CounterDischarge_Ah, StepCharge_Ah, StepDischarge_Ah;
        public double MinV = double.PositiveInfinity, MaxV = double.NegativeInfinity, MinI = double.PositiveInfinity, MaxI = double.NegativeInfinity;
    }

    private long _impedance;
    private double _minF = double.NaN, _maxF = double.NaN;

    public void Add(in CyclerRow row)
    {
        _rows++;
        if (row.IsImpedance)
        {
            _impedance++;
            _minF = double.IsNaN(_minF) ? row.Frequency_Hz : Math.Min(_minF, row.Frequency_Hz);
            _maxF = double.IsNaN(_maxF) ? row.Frequency_Hz : Math.Max(_maxF, row.Frequency_Hz);
        }
        if (_current is null || _current.Cycle != row.Cycle)
        {
            int cycle = row.Cycle;
            _current = _cycles.FirstOrDefault(c => c.Cycle == cycle) ?? Append(new Acc(cycle, row.Time_s));
        }
        var acc = _current;
        if (_hasPrevious)
        {
            double dt = row.Time_s - _previous.Time_s;
            bool sameStep = row.Cycle == _previous.Cycle && row.Step == _previous.Step;
            bool gap = _gapDetector.IsGap(dt, sameStep);
            if (gap) { _gaps++; acc.Gaps++; _longestGap = Math.Max(_longestGap, dt); }
            else
            {
                double i = sameStep ? 0.5 * (row.Current_A + _previous.Current_A) : row.Current_A;
                if (i > 0) acc.Charge_As += i * dt; else acc.Discharge_As -= i * dt;
            }
            Counters(acc, row, sameStep);
        }
        else Counters(acc, row, sameStep: false);
        if (_firstSign == 0 && Math.Abs(row.Current_A) > ZeroCurrent_A) _firstSign = Math.Sign(row.Current_A);
        acc.Rows++;
        acc.End = row.Time_s;
        acc.MinV = Math.Min(acc.MinV, row.Voltage_V); acc.MaxV = Math.Max(acc.MaxV, row.Voltage_V);
        acc.MinI = Math.Min(acc.MinI, row.Current_A); acc.MaxI = Math.Max(acc.MaxI, row.Current_A);
        _minV = Math.Min(_minV, row.Voltage_V); _maxV = Math.Max(_maxV, row.Voltage_V);
        _minI = Math.Min(_minI, row.Current_A); _maxI = Math.Max(_maxI, row.Current_A);
        _previous = row;
        _hasPrevious = true;
    }

    private void Counters(Acc acc, in CyclerRow row, bool sameStep)
    {
        if (!double.IsNaN(row.ChargeCapacity_Ah) || !double.IsNaN(row.DischargeCapacity_Ah)) _chargeCounters = true;
        acc.CounterCharge_Ah += Increment(row.ChargeCapacity_Ah, _hasPrevious ? _previous.ChargeCapacity_Ah : double.NaN, true);
        acc.CounterDischarge_Ah += Increment(row.DischargeCapacity_Ah, _hasPrevious ? _previous.DischargeCapacity_Ah : double.NaN, true);
        if (double.IsNaN(row.StepCapacity_Ah)) return;
        _stepCounter = true;
        // A step counter's first value belongs to its step (a file, or a cut of one, starting at a step start).
        double step = _hasPrevious ? Increment(row.StepCapacity_Ah, _previous.StepCapacity_Ah, sameStep) : Math.Abs(row.StepCapacity_Ah);
        var kind = row.StepType is StepKind.Charge or StepKind.Discharge ? row.StepType
            : row.Current_A > ZeroCurrent_A ? StepKind.Charge : row.Current_A < -ZeroCurrent_A ? StepKind.Discharge : StepKind.Rest;
        if (kind == StepKind.Charge) acc.StepCharge_Ah += step;
        else if (kind == StepKind.Discharge) acc.StepDischarge_Ah += step;
    }

    /// <summary>What a counter gained since the previous record: a drop (or a new step) restarts it from zero.</summary>
    private double Increment(double value, double previous, bool continues)
    {
        if (double.IsNaN(value) || !_hasPrevious) return 0; // a file that starts mid-step brings its earlier count
        value = Math.Abs(value);
        if (!continues || double.IsNaN(previous)) return value;
        previous = Math.Abs(previous);
        return value >= previous ? value - previous : value;
    }

    private Acc Append(Acc acc)
    {
        _cycles.Add(acc);
        return acc;
    }

    public DataSummary Build()
    {
        var reference = ceReference != CeReference.Auto ? ceReference
            : _firstSign < 0 ? CeReference.DischargeFirst : CeReference.ChargeFirst;
        var source = !useCounters ? CapacitySource.IntegratedCurrent
            : _chargeCounters ? CapacitySource.ChargeDischargeCounters
            : _stepCounter ? CapacitySource.StepCounter : CapacitySource.IntegratedCurrent;
        var cycles = _cycles.Select(c =>
        {
            var (charge, discharge) = source switch
            {
                CapacitySource.ChargeDischargeCounters => (c.CounterCharge_Ah, c.CounterDischarge_Ah),
                CapacitySource.StepCounter => (c.StepCharge_Ah, c.StepDischarge_Ah),
                _ => (c.Charge_As / 3600, c.Discharge_As / 3600),
            };
            double inserted = reference == CeReference.ChargeFirst ? charge : discharge;
            double returned = reference == CeReference.ChargeFirst ? discharge : charge;
            double? ce = inserted > 0 ? returned / inserted : null;
            return new CycleStats(c.Cycle, c.Rows, c.Start, c.End, charge, discharge, ce, c.MinV, c.MaxV, c.MinI, c.MaxI, c.Gaps);
        }).ToList();
        double start = _cycles.Count > 0 ? _cycles.Min(c => c.Start) : double.NaN;
        double end = _hasPrevious ? _previous.Time_s : double.NaN;
        return new DataSummary(_rows, start, end, _minI, _maxI, _minV, _maxV, reference, cycles, source, _gaps, _longestGap, _impedance, _minF, _maxF);
    }

    public static DataSummary Of(IEnumerable<CyclerRow> rows, CeReference reference = CeReference.Auto, bool useCounters = true)
    {
        var builder = new CycleSummaryBuilder(reference, useCounters);
        foreach (var row in rows) builder.Add(row);
        return builder.Build();
    }
}
