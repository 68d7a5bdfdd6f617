using System.Globalization;
using System.Text;
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
                    Format(M("short_time_h")), v.Result.EndedEarly ? v.Result.EndReason ?? "ended early" : "protocol complete",
                };
            }));
        return report;
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
