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

    /// <summary>The figures every run summary, report and sweep table shows: metrics of
    /// <see cref="MetricLibrary"/> with their default arguments (one vocabulary for targets, sweeps and reports).</summary>
    public static readonly IReadOnlyList<string> SummaryNames =
    [
        "first_discharge_mAh_g", "first_discharge_mAh_cm2", "last_discharge_mAh_g", "last_discharge_mAh_cm2",
        "first_ce", "mean_ce", "retention", "cycles", "mean_overpotential_mV", "peak_overpotential_mV",
        "max_overpotential_mV", "short_time_h", "cycles_to_80pct",
    ];

    public static readonly IReadOnlyDictionary<string, (string Unit, Func<RunResult, double> Compute)> All =
        SummaryNames.ToDictionary(n => n, n => (UnitOf(n), (Func<RunResult, double>)(r => MetricLibrary.Evaluate(n, r))), StringComparer.Ordinal);

    private static string UnitOf(string name) => MetricLibrary.Unit(name) is { Length: > 0 } u ? u : "1";

    public static bool IsKnown(string name) => All.ContainsKey(name);

    public static double Compute(string name, RunResult run) => All[name].Compute(run);

    /// <summary>Time of the first internal short, NaN if the cell never shorted.</summary>
    public static double ShortTime_s(RunResult run)
    {
        foreach (var e in run.Events)
            if (e.Kind == CellEventKind.Short) return e.Time_s;
        return double.NaN;
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
}
