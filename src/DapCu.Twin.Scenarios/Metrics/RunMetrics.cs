using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Scenarios.Metrics;

/// <summary>
/// Figures of merit read off one run, by the names scenario files use (sweep <c>metric:</c>, summaries).
/// Every figure is NaN when the run cannot provide it (no cycles, no active mass, no short).
/// </summary>
public static class RunMetrics
{
    /// <summary>Capacity below which a cell counts as worn out, as a fraction of its first discharge.</summary>
    public const double EndOfLifeRetention = 0.8;

    public static readonly IReadOnlyDictionary<string, (string Unit, Func<RunResult, double> Compute)> All =
        new Dictionary<string, (string, Func<RunResult, double>)>(StringComparer.Ordinal)
        {
            ["first_discharge_mAh_g"] = ("mAh/g", r => First(r)?.Discharge_mAh_g ?? double.NaN),
            ["first_discharge_mAh_cm2"] = ("mAh/cm2", r => First(r)?.Discharge_mAh_cm2 ?? double.NaN),
            ["last_discharge_mAh_g"] = ("mAh/g", r => Last(r)?.Discharge_mAh_g ?? double.NaN),
            ["last_discharge_mAh_cm2"] = ("mAh/cm2", r => Last(r)?.Discharge_mAh_cm2 ?? double.NaN),
            ["first_ce"] = ("fraction", r => First(r)?.CoulombicEfficiency ?? double.NaN),
            ["mean_ce"] = ("fraction", r => Mean(r.Cycles, c => c.CoulombicEfficiency)),
            ["retention"] = ("fraction", Retention),
            ["cycles"] = ("count", r => r.Cycles.Count),
            ["mean_overpotential_mV"] = ("mV", r => Mean(r.Cycles, c => c.MeanOverpotential_mV)),
            ["max_overpotential_mV"] = ("mV", r => r.Cycles.Count == 0 ? double.NaN : r.Cycles.Max(c => c.MaxOverpotential_mV)),
            ["time_to_short_h"] = ("h", r => ShortTime_s(r) / 3600.0),
            ["cycles_to_80pct"] = ("cycle", r => CyclesToRetention(r.Cycles, EndOfLifeRetention)),
        };

    public static bool IsKnown(string name) => All.ContainsKey(name);

    public static double Compute(string name, RunResult run) => All[name].Compute(run);

    /// <summary>Time of the first internal short, NaN if the cell never shorted.</summary>
    public static double ShortTime_s(RunResult run)
    {
        foreach (var e in run.Events)
            if (e.Kind == CellEventKind.Short) return e.Time_s;
        return double.NaN;
    }

    /// <summary>Last discharge over first discharge (areal capacities).</summary>
    public static double Retention(RunResult run)
    {
        var first = First(run);
        var last = Last(run);
        return first is null || last is null || first.Discharge_mAh_cm2 <= 0
            ? double.NaN
            : last.Discharge_mAh_cm2 / first.Discharge_mAh_cm2;
    }

    /// <summary>First cycle whose discharge falls below <paramref name="fraction"/> of the first one; NaN if none.</summary>
    public static double CyclesToRetention(IReadOnlyList<CycleRecord> cycles, double fraction)
    {
        if (cycles.Count == 0 || cycles[0].Discharge_mAh_cm2 <= 0) return double.NaN;
        var limit = fraction * cycles[0].Discharge_mAh_cm2;
        foreach (var c in cycles)
            if (c.Discharge_mAh_cm2 < limit) return c.Cycle;
        return double.NaN;
    }

    private static CycleRecord? First(RunResult r) => r.Cycles.Count > 0 ? r.Cycles[0] : null;
    private static CycleRecord? Last(RunResult r) => r.Cycles.Count > 0 ? r.Cycles[^1] : null;

    private static double Mean(IReadOnlyList<CycleRecord> cycles, Func<CycleRecord, double> value)
    {
        double sum = 0;
        int n = 0;
        foreach (var c in cycles)
        {
            var v = value(c);
            if (!double.IsFinite(v)) continue;
            sum += v;
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
