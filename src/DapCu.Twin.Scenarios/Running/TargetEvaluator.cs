using System.Globalization;

namespace DapCu.Twin.Scenarios;

/// <summary>Checks one target row against the runs of a scenario.</summary>
public static class TargetEvaluator
{
    public static TargetOutcome Evaluate(TargetSpec t, IReadOnlyDictionary<string, CellRun> runs)
    {
        try
        {
            return t.Check switch
            {
                BandCheck b => Band(t, b, runs),
                GreaterCheck g => Greater(t, g, runs),
                IncreasingCheck i => Increasing(t, i, runs),
                WithinCheck w => Within(t, w, runs),
                _ => Outcome(t, null, false, "unknown check"),
            };
        }
        catch (ArgumentException e)
        {
            return Outcome(t, null, false, e.Message);
        }
    }

    private static TargetOutcome Band(TargetSpec t, BandCheck b, IReadOnlyDictionary<string, CellRun> runs)
    {
        var v = MetricLibrary.Evaluate(b.Metric, b.Cell, runs);
        var ok = double.IsFinite(v) ? (b.Min is null || v >= b.Min) && (b.Max is null || v <= b.Max)
            : double.IsNaN(v) && b.Min is null && b.Max is null;
        return Outcome(t, v, ok, $"{b.Cell}: {b.Metric} = {F(v)} {MetricLibrary.Unit(b.Metric.Name)}".TrimEnd());
    }

    private static TargetOutcome Greater(TargetSpec t, GreaterCheck g, IReadOnlyDictionary<string, CellRun> runs)
    {
        var a = MetricLibrary.Evaluate(g.Metric, g.Greater, runs);
        var b = MetricLibrary.Evaluate(g.Metric, g.Than, runs);
        return Outcome(t, a - b, a > b + g.By, $"{g.Greater} {F(a)} vs {g.Than} {F(b)} ({g.Metric})");
    }

    private static TargetOutcome Increasing(TargetSpec t, IncreasingCheck c, IReadOnlyDictionary<string, CellRun> runs)
    {
        var v = c.Cells.Select(cell => MetricLibrary.Evaluate(c.Metric, cell, runs)).ToList();
        var ok = v.Zip(v.Skip(1)).All(p => p.Second > p.First);
        return Outcome(t, null, ok, string.Join(" < ", c.Cells.Zip(v).Select(p => $"{p.First} {F(p.Second)}")));
    }

    private static TargetOutcome Within(TargetSpec t, WithinCheck w, IReadOnlyDictionary<string, CellRun> runs)
    {
        var a = MetricLibrary.Evaluate(w.Metric, w.Cell, runs);
        var b = MetricLibrary.Evaluate(w.Metric, w.Of, runs);
        var rel = a / b - 1.0;
        return Outcome(t, rel, Math.Abs(rel) <= w.Tolerance, $"{w.Cell} {F(a)} vs {w.Of} {F(b)}: {rel * 100:F2} %");
    }

    private static TargetOutcome Outcome(TargetSpec t, double? v, bool ok, string detail) =>
        new(t.Id, t.Description, t.PaperFigure, t.Band, v, ok, detail);

    private static string F(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
