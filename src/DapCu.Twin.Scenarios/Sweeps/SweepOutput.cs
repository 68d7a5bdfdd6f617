using System.Text.Json.Nodes;
using DapCu.Twin.Scenarios.Metrics;
using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Sweeps;

/// <summary>sweep.csv (one row per point and variant, every metric), a plot of the chosen metric
/// (a line over one parameter, a heat map per variant over two), and the report/summary sections.</summary>
public static class SweepOutput
{
    public const string TableFile = "sweep.csv";

    public static IReadOnlyList<string> Write(string directory, SweepResult sweep, MarkdownReport report, SummaryDocument summary)
    {
        var spec = sweep.Spec;
        WriteTable(Path.Combine(directory, TableFile), sweep);
        var files = new List<string> { TableFile };
        if (spec.Axes.Count == 1) files.AddRange(LinePlot(directory, sweep));
        else if (spec.Axes.Count == 2) files.AddRange(HeatMaps(directory, sweep));

        var unit = RunMetrics.All[spec.Metric].Unit;
        report.Line($"## Sweep: {spec.Metric} ({unit})").Line();
        report.Line($"{sweep.Rows.Select(r => r.Point.Index).Distinct().Count()} points over " +
                    string.Join(" × ", spec.Axes.Select(a => $"{a.Key} ({a.Values.Count})")) + $"; every metric is in `{TableFile}`.").Line();
        var variants = sweep.Rows.Select(r => r.Variant).Distinct().ToArray();
        report.Table(spec.Axes.Select(a => a.Key).Concat(variants).ToArray(),
            sweep.Rows.GroupBy(r => r.Point.Index).Select(g => g.First().Point.Overrides.Select(o => MarkdownReport.Format(o.Value))
                .Concat(variants.Select(v => MarkdownReport.Format(g.First(r => r.Variant == v).Metrics[spec.Metric]))).ToArray()));
        report.Figures("Sweep figures", files);

        summary.Root["sweep"] = new JsonObject
        {
            ["metric"] = spec.Metric,
            ["unit"] = unit,
            ["parameters"] = new JsonArray(spec.Axes.Select(a => (JsonNode)new JsonObject
            {
                ["key"] = a.Key,
                ["values"] = new JsonArray(a.Values.Select(v => SummaryDocument.Number(v)).ToArray()),
            }).ToArray()),
            ["points"] = new JsonArray(sweep.Rows.Select(r => (JsonNode)new JsonObject
            {
                ["point"] = r.Point.Index,
                ["variant"] = r.Variant,
                ["overrides"] = new JsonObject(r.Point.Overrides.Select(o => KeyValuePair.Create(o.Key, SummaryDocument.Number(o.Value)))),
                ["value"] = SummaryDocument.Number(r.Metrics[spec.Metric]),
            }).ToArray()),
        };
        return files;
    }

    private static void WriteTable(string path, SweepResult sweep)
    {
        var metricNames = RunMetrics.All.Keys.ToArray();
        var header = sweep.Spec.Axes.Select(a => a.Key).Prepend("point").Append("variant").Concat(metricNames).ToArray();
        using var csv = new CsvTableWriter(path, header);
        foreach (var row in sweep.Rows)
        {
            csv.Integer(row.Point.Index);
            foreach (var (_, value) in row.Point.Overrides) csv.Number(value);
            csv.Text(row.Variant);
            foreach (var name in metricNames) csv.Number(row.Metrics[name]);
            csv.EndRow();
        }
    }

    private static IReadOnlyList<string> LinePlot(string directory, SweepResult sweep)
    {
        var spec = sweep.Spec;
        var plot = PlotFiles.New($"Sweep of {spec.Axes[0].Key}", spec.Axes[0].Key, $"{spec.Metric} ({RunMetrics.All[spec.Metric].Unit})");
        int i = 0;
        foreach (var variant in sweep.Rows.GroupBy(r => r.Variant))
        {
            var line = PlotFiles.AddLine(plot, variant.Select(r => r.Point.Overrides[0].Value).ToArray(),
                variant.Select(r => r.Metrics[spec.Metric]).ToArray(), i++, variant.Key);
            line.MarkerSize = 6;
        }
        return PlotFiles.Save(plot, directory, "sweep_" + spec.Metric);
    }

    /// <summary>One heat map per variant: first parameter across, second up.</summary>
    private static IReadOnlyList<string> HeatMaps(string directory, SweepResult sweep)
    {
        var spec = sweep.Spec;
        var (x, y) = (spec.Axes[0], spec.Axes[1]);
        var files = new List<string>();
        foreach (var variant in sweep.Rows.GroupBy(r => r.Variant))
        {
            var rows = variant.ToArray();
            // Heatmap rows run top to bottom; put the largest y value on top.
            var intensities = new double[y.Values.Count, x.Values.Count];
            for (int i = 0; i < x.Values.Count; i++)
                for (int j = 0; j < y.Values.Count; j++)
                    intensities[y.Values.Count - 1 - j, i] = rows[i * y.Values.Count + j].Metrics[spec.Metric];
            // A figure the runs never reached (no short, no 80 % point) is NaN: left blank, and a variant
            // without any value gets no map (the table in report.md says so).
            var finite = intensities.Cast<double>().Where(double.IsFinite).ToArray();
            if (finite.Length == 0) continue;
            var plot = PlotFiles.New($"{spec.Metric} — {variant.Key}", $"{x.Key} (column index)", $"{y.Key} (row index)");
            var heatmap = plot.Add.Heatmap(intensities);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            var (low, high) = (finite.Min(), finite.Max());
            heatmap.ManualRange = new ScottPlot.Range(low, high > low ? high : low + 1);
            plot.Add.ColorBar(heatmap).Label = $"{spec.Metric} ({RunMetrics.All[spec.Metric].Unit})";
            plot.Axes.Bottom.TickGenerator = Ticks(x.Values);
            plot.Axes.Left.TickGenerator = Ticks(y.Values);
            plot.XLabel(x.Key);
            plot.YLabel(y.Key);
            files.AddRange(PlotFiles.Save(plot, directory, $"sweep_{spec.Metric}_{Sanitize(variant.Key)}"));
        }
        return files;
    }

    /// <summary>Cell centres sit at 0..n-1; label them with the parameter values (possibly unevenly spaced).</summary>
    private static ScottPlot.TickGenerators.NumericManual Ticks(IReadOnlyList<double> values)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < values.Count; i++) ticks.AddMajor(i, MarkdownReport.Format(values[i]));
        return ticks;
    }

    public static string Sanitize(string label) =>
        new(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
