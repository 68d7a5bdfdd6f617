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

/// <param name="ChargeCapacity_Ah">Charge passed with positive current, by integrating the measured current.</param>
/// <param name="DischargeCapacity_Ah">Charge passed with negative current, by integrating the measured current.</param>
/// <param name="CoulombicEfficiency">Returned over inserted charge (see <see cref="CeReference"/>); null when nothing was inserted.</param>
public sealed record CycleStats(
    int Cycle, long Rows, double Start_s, double End_s,
    double ChargeCapacity_Ah, double DischargeCapacity_Ah, double? CoulombicEfficiency,
    double MinVoltage_V, double MaxVoltage_V, double MinCurrent_A, double MaxCurrent_A);

public sealed record DataSummary(
    long Rows, double Start_s, double End_s,
    double MinCurrent_A, double MaxCurrent_A, double MinVoltage_V, double MaxVoltage_V,
    CeReference CeReference, IReadOnlyList<CycleStats> Cycles)
{
    public int CycleCount => Cycles.Count;
    public double Duration_s => End_s - Start_s;
}

/// <summary>
/// Per-cycle capacities, Coulombic efficiency and ranges, accumulated record by record so it also works on a
/// stream. Capacities come from integrating the current (trapezoids within a step; across a step change the
/// new step's current, which is what the cycler applied), not from the instrument's own capacity columns,
/// whose reset rules differ from one maker to the next.
/// </summary>
public sealed class CycleSummaryBuilder(CeReference ceReference = CeReference.Auto)
{
    private const double ZeroCurrent_A = 1e-12;
    private readonly List<Acc> _cycles = [];
    private Acc? _current;
    private CyclerRow _previous;
    private bool _hasPrevious;
    private long _rows;
    private double _minI = double.PositiveInfinity, _maxI = double.NegativeInfinity, _minV = double.PositiveInfinity, _maxV = double.NegativeInfinity;
    private int _firstSign;

    private sealed class Acc(int cycle, double start)
    {
        public int Cycle = cycle;
        public long Rows;
        public double Start = start, End = start, Charge_As, Discharge_As;
        public double MinV = double.PositiveInfinity, MaxV = double.NegativeInfinity, MinI = double.PositiveInfinity, MaxI = double.NegativeInfinity;
    }

    public void Add(in CyclerRow row)
    {
        _rows++;
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
            double i = sameStep ? 0.5 * (row.Current_A + _previous.Current_A) : row.Current_A;
            if (i > 0) acc.Charge_As += i * dt; else acc.Discharge_As -= i * dt;
        }
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

    private Acc Append(Acc acc)
    {
        _cycles.Add(acc);
        return acc;
    }

    public DataSummary Build()
    {
        var reference = ceReference != CeReference.Auto ? ceReference
            : _firstSign < 0 ? CeReference.DischargeFirst : CeReference.ChargeFirst;
        var cycles = _cycles.Select(c =>
        {
            double charge = c.Charge_As / 3600, discharge = c.Discharge_As / 3600;
            double inserted = reference == CeReference.ChargeFirst ? charge : discharge;
            double returned = reference == CeReference.ChargeFirst ? discharge : charge;
            double? ce = inserted > 0 ? returned / inserted : null;
            return new CycleStats(c.Cycle, c.Rows, c.Start, c.End, charge, discharge, ce, c.MinV, c.MaxV, c.MinI, c.MaxI);
        }).ToList();
        double start = _cycles.Count > 0 ? _cycles.Min(c => c.Start) : double.NaN;
        double end = _hasPrevious ? _previous.Time_s : double.NaN;
        return new DataSummary(_rows, start, end, _minI, _maxI, _minV, _maxV, reference, cycles);
    }

    public static DataSummary Of(IEnumerable<CyclerRow> rows, CeReference reference = CeReference.Auto)
    {
        var builder = new CycleSummaryBuilder(reference);
        foreach (var row in rows) builder.Add(row);
        return builder.Build();
    }
}
