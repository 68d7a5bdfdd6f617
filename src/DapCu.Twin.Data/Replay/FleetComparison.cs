namespace DapCu.Twin.Data.Replay;

/// <summary>p5 / p50 / p95 of a quantity across cells (capacity in mAh, CE as a fraction).</summary>
public readonly record struct Band(double P5, double P50, double P95);

public sealed record FleetCycle(int Cycle, int Cells, Band Capacity, Band Ce, double Twin_mAh, double TwinCe);

/// <summary>One cell of the fleet: its comparison, robust z-scores of its median capacity and CE, and how many of its
/// cycles fell outside the fleet's p5-p95 band.</summary>
public sealed record FleetCell(string Name, string Path, ComparisonResult Comparison, double CapacityZ, double CeZ,
    int CyclesOutsideBand, bool Outlier, string Reason)
{
    public IReadOnlyList<CycleComparison> Cycles => Comparison.Cycles;
}

/// <summary>
/// Many cells against the fleet's own distribution and the twin. An outlier has a robust z-score
/// (0.6745 (x - median) / MAD) beyond 3.5 in median returned capacity or CE, or, in fleets of at least 20 cells
/// (where p5/p95 mean something), lies outside the band in at least half its cycles.
/// </summary>
public sealed record FleetComparison(IReadOnlyList<FleetCell> Cells, IReadOnlyList<FleetCycle> Cycles, bool ChargeFirst)
{
    public const double ZLimit = 3.5;
    public const int BandMinimumCells = 20;

    public static FleetComparison Of(IReadOnlyList<ComparisonResult> results)
    {
        if (results.Count == 0) throw new ArgumentException("a fleet comparison needs at least one data file");
        var chargeFirst = results[0].ChargeFirst;
        var cycles = results.SelectMany(r => r.Cycles.Select(c => c.Cycle)).Distinct().Order().Select(n =>
        {
            var here = results.Select(r => r.Cycles.FirstOrDefault(c => c.Cycle == n)).OfType<CycleComparison>().ToList();
            var q = here.Select(c => ComparisonResult.Returned(c, chargeFirst, twin: false) * 1000).ToArray();
            var ce = here.Select(c => c.MeasuredCe).Where(double.IsFinite).ToArray();
            var twin = here.Select(c => ComparisonResult.Returned(c, chargeFirst, twin: true) * 1000).ToArray();
            return new FleetCycle(n, here.Count, BandOf(q), BandOf(ce), Median(twin), Median(here.Select(c => c.TwinCe).Where(double.IsFinite).ToArray()));
        }).ToList();
        var byCycle = cycles.ToDictionary(c => c.Cycle);

        double CellCapacity(ComparisonResult r) => Median(r.Cycles.Select(c => ComparisonResult.Returned(c, chargeFirst, false) * 1000).ToArray());
        double CellCe(ComparisonResult r) => Median(r.Cycles.Select(c => c.MeasuredCe).Where(double.IsFinite).ToArray());
        var capZ = RobustZ(results.Select(CellCapacity).ToArray());
        var ceZ = RobustZ(results.Select(CellCe).ToArray());
        var cells = results.Select((r, i) =>
        {
            var outside = r.Cycles.Count(c =>
            {
                var b = byCycle[c.Cycle].Capacity;
                var q = ComparisonResult.Returned(c, chargeFirst, false) * 1000;
                return q < b.P5 || q > b.P95;
            });
            var reasons = new List<string>();
            if (Math.Abs(capZ[i]) > ZLimit) reasons.Add($"capacity robust z {capZ[i]:F1}");
            if (Math.Abs(ceZ[i]) > ZLimit) reasons.Add($"CE robust z {ceZ[i]:F1}");
            if (results.Count >= BandMinimumCells && outside * 2 >= r.Cycles.Count) reasons.Add($"outside p5-p95 in {outside} of {r.Cycles.Count} cycles");
            return new FleetCell(r.Trace.Name, r.Trace.DataPath, r, capZ[i], ceZ[i], outside, reasons.Count > 0, string.Join("; ", reasons));
        }).ToList();
        return new FleetComparison(cells, cycles, chargeFirst);
    }

    private static Band BandOf(double[] x) => x.Length == 0 ? new Band(double.NaN, double.NaN, double.NaN)
        : new Band(Percentile(x, 0.05), Percentile(x, 0.50), Percentile(x, 0.95));

    /// <summary>Linear interpolation between order statistics (type 7, as numpy and Excel).</summary>
    public static double Percentile(double[] x, double p)
    {
        if (x.Length == 0) return double.NaN;
        var s = x.Order().ToArray();
        var h = (s.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        return lo + 1 < s.Length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
    }

    private static double Median(double[] x) => Percentile(x, 0.5);

    /// <summary>0.6745 (x - median) / MAD; MAD of zero falls back to 1.2533 x mean absolute deviation.</summary>
    public static double[] RobustZ(double[] x)
    {
        var finite = x.Where(double.IsFinite).ToArray();
        var med = Median(finite);
        var mad = Median(finite.Select(v => Math.Abs(v - med)).ToArray());
        // MAD of zero (over half the cells identical): fall back to the mean absolute deviation (Iglewicz-Hoaglin).
        var scale = mad > 0 ? mad / 0.6745 : 1.253314 * finite.Average(v => Math.Abs(v - med));
        return x.Select(v => !double.IsFinite(v) || scale <= 0 ? 0 : (v - med) / scale).ToArray();
    }
}
