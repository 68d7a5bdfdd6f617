using System.Globalization;
using System.Text;
using DapCu.Twin.Protocols.Running;
using DapCu.Twin.Scenarios.Metrics;

namespace DapCu.Twin.Scenarios.Output;

/// <summary>report.md: what a researcher reads first. Paper targets side by side with the twin's values,
/// then one row per variant, then the figures. Sweeps and fleets append their own sections.</summary>
public sealed class MarkdownReport
{
    public const string FileName = "report.md";

    private readonly StringBuilder _text = new();

    public static MarkdownReport ForScenario(ScenarioResult result)
    {
        var report = new MarkdownReport();
        var s = result.Scenario;
        report.Line($"# {s.Name}").Line();
        if (!string.IsNullOrWhiteSpace(s.Description)) report.Line(s.Description.Trim()).Line();
        report.Line($"Scenario file `{Path.GetFileName(s.SourcePath)}`, seed {s.Seed}, {s.Cells.Count} variant(s): " +
                    string.Join(", ", s.Cells.Select(c => c.Label)) + ".").Line();

        if (result.Targets.Count > 0)
        {
            int passed = result.Targets.Count(t => t.Passed);
            report.Line($"## Paper targets: {passed} of {result.Targets.Count} within band").Line();
            report.Table(["id", "configuration", "paper figure", "band", "twin", "result"],
                result.Targets.Select(t => new[]
                {
                    t.Id, t.Description, t.PaperFigure, t.Band, Format(t.Value),
                    (t.Passed ? "pass" : "**FAIL**") + (string.IsNullOrWhiteSpace(t.Detail) ? "" : " (" + t.Detail + ")"),
                }));
        }

        report.Line("## Variants").Line();
        report.Table(["variant", "cycles", "first CE %", "mean CE %", "first discharge", "retention %", "mean η (mV)", "max η (mV)", "short at (h)", "end"],
            result.Variants.Select(v =>
            {
                double M(string name) => RunMetrics.Compute(name, v.Result);
                double perGram = M("first_discharge_mAh_g");
                return new[]
                {
                    v.Cell.Label, Format(M("cycles")), Format(100 * M("first_ce")), Format(100 * M("mean_ce")),
                    double.IsFinite(perGram) ? Format(perGram) + " mAh/g" : Format(M("first_discharge_mAh_cm2")) + " mAh/cm²",
                    Format(100 * M("retention")), Format(M("mean_overpotential_mV")), Format(M("max_overpotential_mV")),
                    Format(M("short_time_h")), v.Result.EndReason ?? EndReasons.ProtocolComplete,
                };
            }));
        report.EndedEarly(result.Variants).CoulombicEfficiencyAbove100(result.Variants);
        return report;
    }

    /// <summary>Why each run that stopped before its protocol did stopped, at which cycle.</summary>
    private MarkdownReport EndedEarly(IReadOnlyList<VariantResult> variants)
    {
        var ended = variants.Where(v => v.Result.EndedEarly).ToList();
        if (ended.Count == 0) return this;
        Line("## Runs that ended early").Line();
        foreach (var v in ended)
        {
            var cycle = v.Result.Cycles.Count > 0 ? v.Result.Cycles[^1].Cycle : 0;
            Line($"- **{v.Cell.Label}** ended in cycle {cycle}: `{EndReasons.Describe(v.Result.EndReason)}`." +
                 (EndReasons.CellCannotCycle(v.Result.EndReason)
                     ? " Its capacity from then on is zero; the cycle in which it gave out has no CE, and no later cycle is reported."
                     : ""));
        }
        return Line();
    }

    /// <summary>CE above 100 % is not an error: each variant with such cycles is listed with the cause that fits its
    /// cell (dead-Li reconnection on Li|Cu and symmetric cells; discharge-first pairing or reconnection in full cells).</summary>
    private MarkdownReport CoulombicEfficiencyAbove100(IReadOnlyList<VariantResult> variants)
    {
        var above = variants.Select(v => (v.Cell, Cycles: v.Result.Cycles.Where(c => c.CoulombicEfficiency > 1.0).ToList()))
            .Where(x => x.Cycles.Count > 0).ToList();
        if (above.Count == 0) return this;
        Line("## Coulombic efficiency above 100 %").Line();
        Line("Such a cycle delivered more charge than it stored. That is not an error; see docs/physics.md, " +
             "*Coulombic efficiency above 100 %*.").Line();
        foreach (var (cell, cycles) in above)
        {
            var top = cycles.MaxBy(c => c.CoulombicEfficiency)!;
            var why = cell.Design.IsFullCell
                ? "CE is discharge / charge of the same cycle: a cycle that discharges first draws on Li stored before it " +
                  "began (and on dead Li that reconnected), so its discharge can exceed the charge that follows"
                : "Li isolated (\"dead\") in earlier cycles reconnected and was stripped together with the fresh deposit";
            Line($"- **{cell.Label}**: {cycles.Count} cycle(s) above 100 %, highest {Format(100 * top.CoulombicEfficiency)} % " +
                 $"in cycle {top.Cycle}. {why}.");
        }
        return Line();
    }

    public MarkdownReport Line(string text = "")
    {
        _text.Append(text).Append('\n');
        return this;
    }

    public MarkdownReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Line("| " + string.Join(" | ", header.Select(Escape)) + " |");
        Line("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows) Line("| " + string.Join(" | ", row.Select(Escape)) + " |");
        return Line();
    }

    /// <summary>Embeds the PNG figures among <paramref name="files"/>.</summary>
    public MarkdownReport Figures(string heading, IEnumerable<string> files)
    {
        var pngs = files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        if (pngs.Count == 0) return this;
        Line($"## {heading}").Line();
        foreach (var png in pngs) Line($"![{Path.GetFileNameWithoutExtension(png).Replace('_', ' ')}]({png})").Line();
        return this;
    }

    /// <summary>Four significant digits, invariant culture; "–" for a missing value.</summary>
    public static string Format(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";

    public void Write(string path) => File.WriteAllText(path, _text.ToString(), new UTF8Encoding(false));

    private static string Escape(string cell) => cell.Replace("|", "\\|").Replace("\n", " ");
}
