using System.Globalization;
using System.Text.RegularExpressions;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Acceptance;

/// <summary>Reads docs/paper-targets.md: the paper's rows (`| H1 | ...`) and, in its last section, how each
/// scenario target checks a row (`` | `H1` | metric | check | ``).</summary>
internal static class PaperTargetsTable
{
    private const string ChecksHeading = "## How the twin checks each row";

    private static string Text => File.ReadAllText(RepoPaths.PaperTargets);

    /// <summary>The paper's row ids (H1, C1, ...), from the tables above the checks section.</summary>
    public static List<string> Rows()
    {
        var paper = Text.Split(ChecksHeading)[0];
        return Regex.Matches(paper, @"^\|\s*([A-Z]\d+)\s*\|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>Target id -> (metric, check) as the checks section writes them.</summary>
    public static Dictionary<string, (string Metric, string Check)> Checks()
    {
        var parts = Text.Split(ChecksHeading);
        Assert.True(parts.Length == 2, $"{RepoPaths.PaperTargets}: expected one section '{ChecksHeading}'");
        return Regex.Matches(parts[1], @"^\|\s*`([A-Z]\d+[a-z]?)`\s*\|\s*`([^`]*)`\s*\|\s*`([^`]*)`\s*\|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value, m.Groups[3].Value));
    }

    /// <summary>A target's metric in the table's spelling: name, or name(key=value, ...) with keys sorted.</summary>
    public static string Metric(MetricRef m) =>
        m.Args.Count == 0 ? m.Name : $"{m.Name}({string.Join(", ", m.Args.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))})";

    /// <summary>A target's check in the table's spelling, e.g. `DAP in 0.91..0.95`, `DAP > PL by 0.15`.</summary>
    public static string Check(TargetCheck check) => check switch
    {
        BandCheck b => $"{b.Cell} in {N(b.Min)}..{N(b.Max)}",
        GreaterCheck g => g.By == 0 ? $"{g.Greater} > {g.Than}" : $"{g.Greater} > {g.Than} by {N(g.By)}",
        IncreasingCheck i => "increasing " + string.Join(" < ", i.Cells),
        WithinCheck w => $"{w.Cell} within {N(w.Tolerance)} of {w.Of}",
        _ => throw new InvalidOperationException("unknown check " + check.GetType().Name),
    };

    private static string N(double? x) => x is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";
}
