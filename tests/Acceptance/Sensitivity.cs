using System.Globalization;
using System.Text;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Acceptance;

/// <summary>
/// Moves each fitted parameter of <see cref="ParameterSets.Chen2024"/> by -20 % and +20 %, reruns every
/// shipped paper scenario and records which targets move (value changed by more than 1 % or the pass/fail
/// verdict flipped). Fitted = its [Param] source says "fitted"; a Li-foil value counts only where
/// Chen2024 sets it; zero values and disabled ones (>= 1e8) cannot be scaled and are skipped.
/// </summary>
internal static class Sensitivity
{
    public const double Step = 0.2;
    private const double MovedRelative = 0.01;
    private const double Disabled = 1e8;

    /// <summary>Fitted parameters no target answers to at +-20 %, each with the reason (checked both ways by
    /// the test: a new one fails, and so does one that starts moving a target).</summary>
    public static readonly IReadOnlyDictionary<string, string> Unconstrained = new Dictionary<string, string>
    {
        ["planar_cu.fresh_surface_sei_fraction"] = "5e-5: PL's loss is carried by dead Li; only bounds S4 from above (Li must outlast the short)",
        ["planar_cu.transfer_sei_loss_mAh_cm2"] = "shared default fitted on DAP's F1/F4; PL's transfer loss reaches no row",
        ["planar_cu.sei_renewal_capacity_mAh_cm2"] = "PL's film does not age (planar_cu.sei_aging_rate_per_h = 0)",
        ["dap.fresh_surface_sei_fraction"] = "1e-5: only bounds S3b/C1 from above (Li lasts 10,000 cycles)",
        ["dap.dead_li_fraction"] = "1e-5: only bounds S3b/C1 from above",
        ["dap.dead_li_resistivity_ohm_cm2_per_mAh_cm2"] = "DAP forms almost no dead Li in any row",
        ["dap.dead_li_resistance_saturation_mAh_cm2"] = "DAP forms almost no dead Li in any row",
        ["dap.reconnection_width_mAh_cm2"] = "DAP re-connects nothing (threshold 1e9)",
        ["dap.reconnection_max_fraction"] = "DAP re-connects nothing (threshold 1e9)",
        ["dap.rough_onset_capacity_mAh_cm2"] = "H5b only asks that DAP grows no dendrite while its Li stays in the pores",
        ["dap.dendrite_growth_um_per_mAh_cm2"] = "no row puts DAP Li on top long enough to grow tips",
        ["host.elastic_strain_limit"] = "H3 only needs > 0.105 (8 mAh/cm2 held); 0.24-0.36 all hold it",
    };

    public static IReadOnlyList<(string Path, double Value)> FittedParameters()
    {
        return ParameterSets.Chen2024.Enumerate()
            .Where(p => p.Meta.Source.Contains("fitted", StringComparison.OrdinalIgnoreCase))
            .Where(p => p.Value != 0 && Math.Abs(p.Value) < Disabled)
            // The Li-foil counter electrode shares the record's sources but none of its values is fitted.
            .Where(p => !p.Path.StartsWith("li_foil.", StringComparison.Ordinal))
            .Select(p => (p.Path, p.Value))
            .ToList();
    }

    /// <summary>Every target's outcome, keyed "file:id", with one parameter overridden (none: nominal).</summary>
    public static Dictionary<string, TargetOutcome> RunAll(string? path, double value)
    {
        var outcomes = new Dictionary<string, TargetOutcome>();
        foreach (var file in PaperRuns.ScenarioFiles())
        {
            var yaml = File.ReadAllText(file);
            if (path is not null)
            {
                var seedLine = yaml.IndexOf("\nseed:", StringComparison.Ordinal);
                var insert = $"\nparameters: {{ {path}: {value.ToString("R", CultureInfo.InvariantCulture)} }}";
                yaml = yaml.Insert(seedLine, insert);
            }
            var result = ScenarioRunner.Run(ScenarioLoader.Parse(yaml, file));
            foreach (var t in result.Targets) outcomes[t.Id] = t;
        }
        return outcomes;
    }

    public static bool Moved(TargetOutcome nominal, TargetOutcome moved)
    {
        if (nominal.Passed != moved.Passed) return true;
        if (nominal.Value is not { } a || moved.Value is not { } b) return nominal.Value.HasValue != moved.Value.HasValue;
        return Math.Abs(b - a) > MovedRelative * Math.Max(Math.Abs(a), 1e-9);
    }

    /// <summary>The table (markdown), one line per fitted parameter: rows moved, rows flipped out of band.</summary>
    public static (string Table, IReadOnlyList<string> Unanswered) Table()
    {
        var nominal = RunAll(null, 0);
        var sb = new StringBuilder();
        sb.AppendLine("| parameter | Chen2024 value | targets moved by -20 % / +20 % | out of band at -20 % / +20 % |");
        sb.AppendLine("|---|---|---|---|");
        var notes = new StringBuilder();
        var unanswered = new List<string>();
        foreach (var (path, value) in FittedParameters())
        {
            var moved = new SortedSet<string>(StringComparer.Ordinal);
            var failed = new List<string>();
            foreach (var factor in new[] { 1 - Step, 1 + Step })
            {
                var run = RunAll(path, value * factor);
                var fails = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var (id, t) in run)
                {
                    if (Moved(nominal[id], t)) moved.Add(id);
                    if (!t.Passed) fails.Add(id);
                }
                failed.Add(fails.Count == 0 ? "none" : string.Join(", ", fails));
            }
            if (moved.Count == 0) unanswered.Add(path);
            var none = Unconstrained.TryGetValue(path, out var why) ? $"none: {why}" : "**none**";
            sb.AppendLine($"| `{path}` | {value.ToString("G4", CultureInfo.InvariantCulture)} | {(moved.Count == 0 ? none : string.Join(", ", moved))} | {failed[0]} / {failed[1]} |");
        }
        return (sb.ToString(), unanswered);
    }
}
