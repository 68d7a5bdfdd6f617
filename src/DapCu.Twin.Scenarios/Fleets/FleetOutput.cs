using System.Text.Json.Nodes;
using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>The fleet statistics of one variant.</summary>
public sealed record FleetVariant(string Variant, FleetStatistics Statistics);

/// <summary>fleet_cycles.csv (percentiles per cycle), fleet plots, and the report/summary sections.</summary>
public static class FleetOutput
{
    public const string CyclesFile = "fleet_cycles.csv";
    private static readonly double[] Percentiles = [0.05, 0.50, 0.95];

    public static IReadOnlyList<string> Write(string directory, FleetSpec spec, IReadOnlyList<FleetVariant> fleets,
        MarkdownReport report, SummaryDocument summary)
    {
        WriteCycles(Path.Combine(directory, CyclesFile), fleets);
        var files = new List<string> { CyclesFile };
        files.AddRange(PercentilePlot(directory, fleets, "capacity", "Discharge capacity (mAh/cm²)", s => s.CapacityByCycle));
        files.AddRange(PercentilePlot(directory, fleets, "ce", "Coulombic efficiency", s => s.CeByCycle));
        files.AddRange(Histogram(directory, fleets, "fleet_final_capacity_hist", "Discharge capacity at the last cycle (mAh/cm²)", s => s.CapacityByCycle[^1]));
        if (fleets.Any(f => f.Statistics.WornOut > 0))
            files.AddRange(Histogram(directory, fleets, "fleet_cycles_to_80pct_hist", "Cycles to 80 % of first discharge", s => s.CyclesToEndOfLife));
        if (fleets.Any(f => f.Statistics.Shorts > 0))
            files.AddRange(Histogram(directory, fleets, "fleet_short_time_hist", "Time of internal short (h)", s => s.ShortTime_h));

        report.Line($"## Fleet: {spec.Cells} cells per variant, seed {spec.Seed}").Line();
        if (spec.Spreads.Count > 0)
            report.Line("Cell-to-cell spread: " + string.Join("; ", spec.Spreads.Select(s => $"`{s.Key}` {Describe(s.Spread)}")) + ".").Line();
        report.Line("A cell that stopped early counts as zero capacity for the cycles it did not reach; " +
                    $"per-cycle percentiles are in `{CyclesFile}`.").Line();
        report.Table(["variant", "cells", "first capacity p5/p50/p95 (mAh/cm²)", "last capacity p5/p50/p95", "last CE p50 %",
                      "shorts", "short time p50 (h)", "reached 80 %", "cycles to 80 % p5/p50/p95"],
            fleets.Select(f =>
            {
                var s = f.Statistics;
                return new[]
                {
                    f.Variant, s.Cells.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Triple(s.CapacityByCycle[0]), Triple(s.CapacityByCycle[^1]), MarkdownReport.Format(100 * LastCe(s).Quantile(0.5)),
                    $"{s.Shorts} ({MarkdownReport.Format(100.0 * s.Shorts / Math.Max(1, s.Cells))} %)", MarkdownReport.Format(s.ShortTime_h.Quantile(0.5)),
                    s.WornOut.ToString(System.Globalization.CultureInfo.InvariantCulture), Triple(s.CyclesToEndOfLife),
                };
            }));
        report.Figures("Fleet figures", files);

        summary.Root["fleet"] = new JsonObject
        {
            ["cells_per_variant"] = spec.Cells,
            ["seed"] = spec.Seed,
            ["variants"] = new JsonArray(fleets.Select(f => (JsonNode)new JsonObject
            {
                ["variant"] = f.Variant,
                ["cells"] = f.Statistics.Cells,
                ["shorts"] = f.Statistics.Shorts,
                ["short_time_h"] = Quantiles(f.Statistics.ShortTime_h),
                ["worn_out"] = f.Statistics.WornOut,
                ["cycles_to_80pct"] = Quantiles(f.Statistics.CyclesToEndOfLife),
                ["first_capacity_mAh_cm2"] = Quantiles(f.Statistics.CapacityByCycle[0]),
                ["last_capacity_mAh_cm2"] = Quantiles(f.Statistics.CapacityByCycle[^1]),
                ["last_ce"] = Quantiles(LastCe(f.Statistics)),
            }).ToArray()),
        };
        return files;
    }

    private static void WriteCycles(string path, IReadOnlyList<FleetVariant> fleets)
    {
        using var csv = new CsvTableWriter(path, "variant", "cycle", "cells_cycling",
            "capacity_p5_mAh_cm2", "capacity_p50_mAh_cm2", "capacity_p95_mAh_cm2", "capacity_mean_mAh_cm2",
            "ce_p5", "ce_p50", "ce_p95", "ce_mean");
        foreach (var f in fleets)
            for (int i = 0; i < f.Statistics.Bins.Slots; i++)
            {
                var (capacity, ce) = (f.Statistics.CapacityByCycle[i], f.Statistics.CeByCycle[i]);
                csv.Text(f.Variant).Integer(f.Statistics.Bins.CycleOf(i)).Integer(ce.Total);
                foreach (var p in Percentiles) csv.Number(capacity.Quantile(p));
                csv.Number(capacity.Mean);
                foreach (var p in Percentiles) csv.Number(ce.Quantile(p));
                csv.Number(ce.Mean);
                csv.EndRow();
            }
    }

    private static IReadOnlyList<string> PercentilePlot(string directory, IReadOnlyList<FleetVariant> fleets, string name, string yLabel,
        Func<FleetStatistics, FixedHistogram[]> byCycle)
    {
        var plot = PlotFiles.New($"Fleet {name} per cycle: p50 (solid), p5 and p95 (dashed)", "Cycle", yLabel);
        for (int v = 0; v < fleets.Count; v++)
        {
            var histograms = byCycle(fleets[v].Statistics);
            var cycles = Enumerable.Range(0, histograms.Length).Select(i => (double)fleets[v].Statistics.Bins.CycleOf(i)).ToArray();
            PlotFiles.AddLine(plot, cycles, histograms.Select(h => h.Quantile(0.5)).ToArray(), v, fleets[v].Variant);
            PlotFiles.AddLine(plot, cycles, histograms.Select(h => h.Quantile(0.05)).ToArray(), v, null, dashed: true);
            PlotFiles.AddLine(plot, cycles, histograms.Select(h => h.Quantile(0.95)).ToArray(), v, null, dashed: true);
        }
        return PlotFiles.Save(plot, directory, $"fleet_{name}_cycle");
    }

    /// <summary>Bar chart of a histogram per variant, regrouped into at most 60 bars, empty edges trimmed.</summary>
    private static IReadOnlyList<string> Histogram(string directory, IReadOnlyList<FleetVariant> fleets, string baseName, string xLabel,
        Func<FleetStatistics, FixedHistogram> select)
    {
        var plot = PlotFiles.New(xLabel, xLabel, "Cells");
        var all = fleets.Select(f => select(f.Statistics)).ToArray();
        int first = all.Min(h => Array.FindIndex(h.Counts, 1, h.Bins, c => c > 0) is var i and >= 0 ? i : h.Bins);
        int last = all.Max(h => Array.FindLastIndex(h.Counts, h.Bins, h.Bins, c => c > 0));
        if (last < first) return PlotFiles.Save(plot, directory, baseName);
        int group = Math.Max(1, (last - first + 1 + 59) / 60);
        for (int v = 0; v < fleets.Count; v++)
        {
            var h = all[v];
            var bars = new List<ScottPlot.Bar>();
            for (int start = first; start <= last; start += group)
            {
                long count = 0;
                for (int b = start; b < start + group && b <= last; b++) count += h.Counts[b];
                double centre = h.Min + (start - 1 + group / 2.0) * h.BinWidth;
                bars.Add(new ScottPlot.Bar { Position = centre, Value = count, Size = group * h.BinWidth * 0.9,
                    FillColor = PlotFiles.SeriesColor(v).WithAlpha(0.5) });
            }
            plot.Add.Bars(bars).LegendText = fleets[v].Variant;
        }
        return PlotFiles.Save(plot, directory, baseName);
    }

    private static FixedHistogram LastCe(FleetStatistics s) =>
        s.CeByCycle.LastOrDefault(h => h.Total > 0) ?? s.CeByCycle[^1];

    private static string Triple(FixedHistogram h) =>
        string.Join(" / ", Percentiles.Select(p => MarkdownReport.Format(h.Quantile(p))));

    private static JsonObject Quantiles(FixedHistogram h) => new()
    {
        ["p5"] = SummaryDocument.Number(h.Quantile(0.05)),
        ["p50"] = SummaryDocument.Number(h.Quantile(0.50)),
        ["p95"] = SummaryDocument.Number(h.Quantile(0.95)),
        ["mean"] = SummaryDocument.Number(h.Mean),
    };

    private static string Describe(Spread spread) => spread switch
    {
        NormalSpread { Sd: { } sd } => $"normal, sd {MarkdownReport.Format(sd)}",
        NormalSpread n => $"normal, sd {MarkdownReport.Format(100 * n.RelativeSd)} % of nominal",
        LogNormalSpread l => $"lognormal, σ {MarkdownReport.Format(l.Sigma)}",
        UniformSpread { HalfWidth: { } h } => $"uniform, nominal ± {MarkdownReport.Format(h)}",
        UniformSpread u => $"uniform on [{MarkdownReport.Format(u.Min)}, {MarkdownReport.Format(u.Max)}]",
        _ => spread.ToString(),
    };
}
