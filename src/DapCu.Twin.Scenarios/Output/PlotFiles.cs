using ScottPlot;

namespace DapCu.Twin.Scenarios.Output;

/// <summary>Shared look and file handling of every plot a run writes: one PNG and one SVG per figure.</summary>
public static class PlotFiles
{
    public const int Width_px = 960;
    public const int Height_px = 600;

    /// <summary>Most points a line keeps: enough for a screen, little enough for a small SVG.</summary>
    public const int MaxPointsPerLine = 4000;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Color SeriesColor(int index) => Palette.GetColor(index);

    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Adds a line, thinned to <see cref="MaxPointsPerLine"/> keeping each bucket's extremes so
    /// voltage spikes (nucleation, shorts) survive the thinning.</summary>
    public static ScottPlot.Plottables.Scatter AddLine(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys,
        int seriesIndex, string? legend, bool dashed = false)
    {
        var (x, y) = Decimate(xs, ys, MaxPointsPerLine);
        var line = plot.Add.ScatterLine(x, y, SeriesColor(seriesIndex));
        line.LineWidth = 1.5f;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        if (legend is not null) line.LegendText = legend;
        return line;
    }

    /// <summary>Writes <paramref name="baseName"/>.png and .svg and returns both file names.</summary>
    public static IReadOnlyList<string> Save(Plot plot, string directory, string baseName)
    {
        // Outside the data area, so the legend never covers a line.
        if (plot.GetPlottables().Any(p => !string.IsNullOrEmpty((p as IHasLegendText)?.LegendText)))
            plot.ShowLegend(Edge.Right);
        var png = baseName + ".png";
        var svg = baseName + ".svg";
        plot.SavePng(Path.Combine(directory, png), Width_px, Height_px);
        plot.SaveSvg(Path.Combine(directory, svg), Width_px, Height_px);
        RenumberClipPaths(Path.Combine(directory, svg));
        return [png, svg];
    }

    /// <summary>Skia numbers SVG clip paths from a process-wide counter, so the same figure drawn twice
    /// would differ in its ids; number them from 1 in order of appearance instead.</summary>
    private static void RenumberClipPaths(string path)
    {
        var ids = new Dictionary<string, string>();
        var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), @"\bcl_[0-9a-f]+\b",
            m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = "clip" + (ids.Count + 1));
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
    }

    /// <summary>Min/max decimation: splits the series into buckets and keeps each bucket's lowest and
    /// highest point in their original order. Deterministic, and never drops an extreme.</summary>
    public static (double[] X, double[] Y) Decimate(IReadOnlyList<double> xs, IReadOnlyList<double> ys, int maxPoints)
    {
        int n = Math.Min(xs.Count, ys.Count);
        if (n <= maxPoints) return (xs.Take(n).ToArray(), ys.Take(n).ToArray());
        int buckets = maxPoints / 2;
        var x = new List<double>(maxPoints);
        var y = new List<double>(maxPoints);
        for (int b = 0; b < buckets; b++)
        {
            int start = (int)((long)b * n / buckets), end = (int)((long)(b + 1) * n / buckets);
            int lo = start, hi = start;
            for (int i = start + 1; i < end; i++)
            {
                if (ys[i] < ys[lo]) lo = i;
                if (ys[i] > ys[hi]) hi = i;
            }
            foreach (var i in lo <= hi ? [lo, hi] : new[] { hi, lo })
            {
                x.Add(xs[i]);
                y.Add(ys[i]);
                if (lo == hi) break;
            }
        }
        return (x.ToArray(), y.ToArray());
    }
}
