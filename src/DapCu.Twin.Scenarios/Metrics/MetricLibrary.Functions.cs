using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Scenarios;

public static partial class MetricLibrary
{
    private static CycleRecord? Cycle(CellRun r, int cycle) =>
        cycle >= 1 && cycle <= r.Result.Cycles.Count ? r.Result.Cycles[cycle - 1] : null;

    /// <summary>Discharge capacity of a cycle, mAh/cm2. A cycle after the run ended because the cell could no
    /// longer cycle (Li exhausted, no capacity) delivers nothing: 0, not "unknown".</summary>
    private static double? Discharge_mAh_cm2(CellRun r, int cycle) =>
        Cycle(r, cycle)?.Discharge_mAh_cm2 ?? (cycle > r.Result.Cycles.Count && EndedDead(r) ? 0.0 : null);

    private static double DischargePerGram(CellRun r, int cycle) =>
        Cycle(r, cycle)?.Discharge_mAh_g ?? (cycle > r.Result.Cycles.Count && EndedDead(r) && r.Result.Cycles.Count > 0
            && double.IsFinite(r.Result.Cycles[0].Discharge_mAh_g) ? 0.0 : double.NaN);

    private static bool EndedDead(CellRun r) => Protocols.Running.EndReasons.CellCannotCycle(r.Result.EndReason);

    private static IEnumerable<CycleRecord> Range(MetricRef m, CellRun r, int defaultFrom, string from = "from", string to = "to")
    {
        var a = (int)m.Number(from, defaultFrom);
        var b = (int)m.Number(to, r.Result.Cycles.Count);
        return r.Result.Cycles.Where(c => c.Cycle >= a && c.Cycle <= b);
    }

    private static double Stat(IEnumerable<double> values, Func<IReadOnlyList<double>, double> f)
    {
        var v = values.Where(double.IsFinite).ToList();
        return v.Count == 0 ? double.NaN : f(v);
    }

    private static double Mean(IReadOnlyList<double> v) => v.Average();

    private static double Median(IReadOnlyList<double> v)
    {
        var s = v.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : 0.5 * (s[s.Count / 2 - 1] + s[s.Count / 2]);
    }

    private static double StdDev(IReadOnlyList<double> v) =>
        v.Count < 2 ? 0.0 : MathNet.Numerics.Statistics.Statistics.StandardDeviation(v);

    private static double CeStdRatio(MetricRef m, CellRun r)
    {
        var late = Stat(Range(m, r, 21, "late_from", "late_to").Select(c => c.CoulombicEfficiency), StdDev);
        var earlyMetric = m with { Args = new Dictionary<string, string> { ["from"] = m.Text("early_from") ?? "2", ["to"] = m.Text("early_to") ?? "20" } };
        var early = Stat(Range(earlyMetric, r, 2).Select(c => c.CoulombicEfficiency), StdDev);
        return early > 0 ? late / early : double.PositiveInfinity;
    }

    private static double Retention(CellRun r, int cycle)
    {
        var first = Cycle(r, 1)?.Discharge_mAh_cm2 ?? 0;
        return first > 0 && Discharge_mAh_cm2(r, cycle) is { } c ? c / first : double.NaN;
    }

    private static double CapacityLoss(CellRun r, int from, int to)
    {
        var a = Cycle(r, from)?.Discharge_mAh_cm2 ?? 0;
        return a > 0 && Discharge_mAh_cm2(r, to) is { } b ? 1.0 - b / a : double.NaN;
    }

    private static double OverpotentialRises(MetricRef m, CellRun r)
    {
        var size = (int)m.Number("size", 5);
        var groups = r.Result.Cycles.Chunk(size).Select(g => Median(g.Select(c => c.MaxOverpotential_mV).ToList())).ToList();
        for (var i = 1; i < groups.Count; i++) if (!(groups[i] > groups[i - 1])) return 0.0;
        return groups.Count > 1 ? 1.0 : 0.0;
    }

    private static double CycleToCycleChange(MetricRef m, CellRun r)
    {
        var v = Range(m, r, 1).Select(c => c.MaxOverpotential_mV).ToList();
        var worst = 0.0;
        for (var i = 1; i < v.Count; i++) worst = Math.Max(worst, Math.Abs(v[i] - v[i - 1]) / v[i - 1]);
        return v.Count > 1 ? worst : double.NaN;
    }

    private static double RiseOnset_h(MetricRef m, CellRun r)
    {
        var factor = m.Number("factor", 1.2);
        var baseline = Stat(Range(m, r, 5, "baseline_from", "baseline_to").Select(c => c.MeanOverpotential_mV), Median);
        var baselineTo = (int)m.Number("baseline_to", 25);
        var onset = r.Result.Cycles.FirstOrDefault(c => c.Cycle > baselineTo && c.MeanOverpotential_mV > factor * baseline);
        return onset is null ? double.NaN : onset.EndTime_s / 3600.0;
    }

    /// <summary>Charge passed before an event, from the recorded current (constant between samples, which
    /// the runner takes at every step change): e.g. how much Li a host took before it overflowed.</summary>
    private static double ChargeToEvent_mAh_cm2(CellRun r, CellEventKind kind)
    {
        if (FirstEvent(r, kind) is not { } e) return double.NaN;
        var series = r.Result.TimeSeries;
        var charge = 0.0;
        for (var i = 0; i + 1 < series.Count && series[i].Time_s < e.Time_s; i++)
            charge += Math.Abs(series[i + 1].CurrentDensity_mA_cm2) * (Math.Min(series[i + 1].Time_s, e.Time_s) - series[i].Time_s) / 3600.0;
        return charge;
    }

    private static CellEvent? FirstEvent(CellRun r, CellEventKind kind) => r.Result.Events.FirstOrDefault(e => e.Kind == kind);

    private static CellEventKind Kind(MetricRef m) =>
        Enum.TryParse<CellEventKind>(m.Text("kind") ?? "", ignoreCase: true, out var k) ? k
            : throw new ArgumentException($"metric {m.Name} needs kind: one of {string.Join(", ", Enum.GetNames<CellEventKind>())}");

    /// <summary>Spike at the start of the first plating above the median of that plating step.</summary>
    private static double NucleationOverpotential_mV(CellRun r)
    {
        var series = r.Result.TimeSeries;
        var start = series.FindIndex(p => p.Current_mA < 0);
        if (start < 0) return double.NaN;
        var step = series[start].Step;
        var plateau = series.Skip(start).TakeWhile(p => p.Step == step && p.Current_mA < 0).Select(p => p.Overpotential_mV).ToList();
        return plateau.Count < 3 ? double.NaN : series[start].Overpotential_mV - Median(plateau);
    }

    private static double LiUtilization(MetricRef m, IReadOnlyDictionary<string, CellRun> all)
    {
        var referenceName = m.Text("reference") ?? throw new ArgumentException("li_utilization needs reference: <cell>");
        if (!all.TryGetValue(referenceName, out var reference)) throw new ArgumentException($"li_utilization: no cell '{referenceName}'");
        var tolerance = m.Number("tolerance", 0.03);
        var cells = (m.Text("cells") ?? throw new ArgumentException("li_utilization needs cells: [..]")).Split(',').Select(c => all[c.Trim()]);
        var control = reference.Result.Cycles.FirstOrDefault()?.Discharge_mAh_cm2 ?? double.NaN;
        var matching = cells.Where(c => c.Cell is not null).OrderBy(c => c.Cell!.Design.NpRatio)
            .FirstOrDefault(c => Math.Abs((c.Result.Cycles.FirstOrDefault()?.Discharge_mAh_cm2 ?? 0) / control - 1.0) <= tolerance);
        return matching is null ? double.NaN : 1.0 / matching.Cell!.Design.NpRatio;
    }
}
