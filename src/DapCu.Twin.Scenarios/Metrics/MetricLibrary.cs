using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Scenarios.Metrics;

namespace DapCu.Twin.Scenarios;

/// <summary>A finished cell run as metrics see it. Cell and model are absent when only the run's records
/// are at hand (sweep points, summaries); the few metrics that need them are then NaN.</summary>
public sealed record CellRun(CellSpec? Cell, CellModel? Model, RunResult Result);

/// <summary>Figures of merit computed from runs: the paper's quantities by name. Cycle ranges are
/// 1-based and inclusive; a figure that the run never reached is NaN.</summary>
public static partial class MetricLibrary
{
    private delegate double Metric(MetricRef m, CellRun run, IReadOnlyDictionary<string, CellRun> all);

    private static readonly Dictionary<string, (Metric Eval, string Unit, string Meaning)> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first_ce"] = ((m, r, _) => Cycle(r, 1)?.CoulombicEfficiency ?? double.NaN, "1", "Coulombic efficiency of cycle 1"),
        ["ce_at"] = ((m, r, _) => Cycle(r, (int)m.Number("cycle", 1))?.CoulombicEfficiency ?? double.NaN, "1", "Coulombic efficiency of cycle {cycle}"),
        ["mean_ce"] = ((m, r, _) => Stat(Range(m, r, 2).Select(c => c.CoulombicEfficiency), Mean), "1", "mean CE over cycles {from}..{to}"),
        ["min_ce"] = ((m, r, _) => Stat(Range(m, r, 2).Select(c => c.CoulombicEfficiency), v => v.Min()), "1", "lowest CE over cycles {from}..{to}"),
        ["ce_std"] = ((m, r, _) => Stat(Range(m, r, 2).Select(c => c.CoulombicEfficiency), StdDev), "1", "standard deviation of CE over cycles {from}..{to}"),
        ["ce_std_ratio"] = ((m, r, _) => CeStdRatio(m, r), "1", "CE std-dev over cycles {late_from}..{late_to} over that of {early_from}..{early_to}"),
        ["first_discharge_mAh_g"] = ((m, r, _) => Cycle(r, 1)?.Discharge_mAh_g ?? double.NaN, "mAh/g", "discharge capacity of cycle 1 per g active material"),
        ["first_discharge_mAh_cm2"] = ((m, r, _) => Cycle(r, 1)?.Discharge_mAh_cm2 ?? double.NaN, "mAh/cm2", "discharge capacity of cycle 1"),
        ["discharge_mAh_g"] = ((m, r, _) => DischargePerGram(r, (int)m.Number("cycle", 1)), "mAh/g", "discharge capacity of cycle {cycle} per g"),
        ["last_discharge_mAh_g"] = ((m, r, _) => r.Result.Cycles.Count > 0 ? r.Result.Cycles[^1].Discharge_mAh_g : double.NaN, "mAh/g", "discharge capacity of the last cycle per g"),
        ["last_discharge_mAh_cm2"] = ((m, r, _) => r.Result.Cycles.Count > 0 ? r.Result.Cycles[^1].Discharge_mAh_cm2 : double.NaN, "mAh/cm2", "discharge capacity of the last cycle"),
        ["cycles"] = ((m, r, _) => r.Result.Cycles.Count, "1", "cycles completed"),
        ["cycles_to_80pct"] = ((m, r, _) => RunMetrics.CyclesToRetention(r.Result.Cycles, m.Number("retention", RunMetrics.EndOfLifeRetention)), "cycle", "first cycle whose discharge falls below {retention} (default 80 %) of cycle 1"),
        ["retention"] = ((m, r, _) => Retention(r, (int)m.Number("cycle", r.Result.Cycles.Count)), "1", "discharge capacity of cycle {cycle} over cycle 1"),
        ["capacity_loss"] = ((m, r, _) => CapacityLoss(r, (int)m.Number("from", 1), (int)m.Number("to", r.Result.Cycles.Count)), "1", "loss of discharge capacity from cycle {from} to {to}"),
        ["mean_overpotential_mV"] = ((m, r, _) => Stat(Range(m, r, 1).Select(c => c.MeanOverpotential_mV), Median), "mV", "median over cycles {from}..{to} of each cycle's mean overpotential"),
        ["peak_overpotential_mV"] = ((m, r, _) => Stat(Range(m, r, 1).Select(c => c.MaxOverpotential_mV), Median), "mV", "median over cycles {from}..{to} of each cycle's peak overpotential"),
        ["max_overpotential_mV"] = ((m, r, _) => Stat(Range(m, r, 1).Select(c => c.MaxOverpotential_mV), v => v.Max()), "mV", "largest peak overpotential over cycles {from}..{to}"),
        ["overpotential_rises"] = ((m, r, _) => OverpotentialRises(m, r), "1", "1 when the peak overpotential rises strictly from group to group of {size} cycles"),
        ["cycle_to_cycle_change"] = ((m, r, _) => CycleToCycleChange(m, r), "1", "largest relative change of peak overpotential between consecutive cycles {from}..{to}"),
        ["rise_onset_h"] = ((m, r, _) => RiseOnset_h(m, r), "h", "time when a cycle's mean overpotential first exceeds {factor} x its early median"),
        ["short_time_h"] = ((m, r, _) => FirstEvent(r, CellEventKind.Short)?.Time_s / 3600.0 ?? double.NaN, "h", "time of the first internal short"),
        ["short_cycle"] = ((m, r, _) => FirstEvent(r, CellEventKind.Short)?.Cycle ?? double.NaN, "cycle", "cycle of the first internal short"),
        ["shorted"] = ((m, r, _) => FirstEvent(r, CellEventKind.Short) is null ? 0.0 : 1.0, "1", "1 if the cell shorted"),
        ["event_time_min"] = ((m, r, _) => FirstEvent(r, Kind(m))?.Time_s / 60.0 ?? double.NaN, "min", "time of the first {kind} event"),
        ["charge_to_event_mAh_cm2"] = ((m, r, _) => ChargeToEvent_mAh_cm2(r, Kind(m)), "mAh/cm2", "charge passed (either direction) before the first {kind} event"),
        ["event_count"] = ((m, r, _) => r.Result.Events.Count(e => e.Kind == Kind(m)), "1", "number of {kind} events"),
        ["nucleation_overpotential_mV"] = ((m, r, _) => NucleationOverpotential_mV(r), "mV", "first-plating spike above the plating plateau"),
        ["host_static_capacity_mAh_cm2"] = ((m, r, _) => r.Model is null ? double.NaN : r.Model.Host?.StaticCapacity_mAh_cm2 ?? 0.0, "mAh/cm2", "Li the host's pores hold at original thickness"),
        ["max_expansion"] = ((m, r, _) => Stat(r.Result.Cycles.Select(c => c.HostExpansion), v => v.Max()), "1", "largest host thickness strain at a cycle end"),
        ["final_expansion"] = ((m, r, _) => r.Result.Cycles.Count > 0 ? r.Result.Cycles[^1].HostExpansion : double.NaN, "1", "host thickness strain at the end of the run"),
        ["li_utilization"] = ((m, r, all) => LiUtilization(m, all), "1", "1 / the smallest N/P whose first discharge is within {tolerance} of {reference}"),
    };

    public static IEnumerable<string> Names => Table.Keys;
    public static bool Knows(string name) => Table.ContainsKey(name);
    /// <summary>The metric's unit; empty for dimensionless figures (fractions, counts).</summary>
    public static string Unit(string name) => Table.TryGetValue(name, out var t) && t.Unit != "1" ? t.Unit : "";
    public static string Meaning(string name) => Table.TryGetValue(name, out var t) ? t.Meaning : "";

    public static double Evaluate(MetricRef metric, string cell, IReadOnlyDictionary<string, CellRun> runs) =>
        Table[metric.Name].Eval(metric, runs[cell], runs);

    /// <summary>A metric with its default arguments, from a run's records alone.</summary>
    public static double Evaluate(string name, RunResult run)
    {
        var only = new CellRun(null, null, run);
        try { return Table[name].Eval(new MetricRef(name, new Dictionary<string, string>()), only, new Dictionary<string, CellRun>()); }
        catch (ArgumentException) { return double.NaN; } // needs arguments or other cells
    }
}
