using DapCu.Twin.Data.Replay;
using ScottPlot;

namespace DapCu.Twin.Data.Export;

/// <summary>Overlay figures of a comparison, each as PNG and SVG.</summary>
public static class ComparePlots
{
    private const int Width = 1000, Height = 560, MaxPoints = 20000;

    /// <summary>Measured and twin voltage against time (thinned to at most 20 000 points per line).</summary>
    public static void Voltage(ComparisonResult c, string folder, string name = "voltage")
    {
        var t = c.Trace;
        var step = Math.Max(1, t.Count / MaxPoints);
        var hours = Thin(t.Time_s, step).Select(s => (s - t.Time_s[0]) / 3600).ToArray();
        var plot = new Plot();
        var m = plot.Add.ScatterLine(hours, Thin(t.MeasuredVoltage_V, step));
        m.LegendText = "measured";
        m.LineWidth = 1.5f;
        var w = plot.Add.ScatterLine(hours, Thin(t.TwinVoltage_V, step));
        w.LegendText = $"twin ({t.Cell.Label})";
        w.LineWidth = 1.5f;
        plot.Title($"{t.Name}: voltage, RMSE {c.VoltageRmse_V * 1000:F1} mV");
        plot.XLabel("time (h)");
        plot.YLabel("voltage (V)");
        plot.ShowLegend();
        Save(plot, folder, name);
    }

    /// <summary>Capacity per cycle, measured and twin, charge and discharge.</summary>
    public static void Capacity(ComparisonResult c, string folder, string name = "capacity")
    {
        var cycles = c.Cycles.Select(k => (double)k.Cycle).ToArray();
        var plot = new Plot();
        Series(plot, cycles, c.Cycles.Select(k => k.MeasuredCharge_Ah * 1000), "measured charge", false);
        Series(plot, cycles, c.Cycles.Select(k => k.TwinCharge_Ah * 1000), "twin charge", true);
        Series(plot, cycles, c.Cycles.Select(k => k.MeasuredDischarge_Ah * 1000), "measured discharge", false);
        Series(plot, cycles, c.Cycles.Select(k => k.TwinDischarge_Ah * 1000), "twin discharge", true);
        plot.Title($"{c.Trace.Name}: capacity per cycle");
        plot.XLabel("cycle");
        plot.YLabel("capacity (mAh)");
        plot.ShowLegend();
        Save(plot, folder, name);
    }

    /// <summary>Fleet: p5-p95 band and median of measured capacity per cycle, with the twin.</summary>
    public static void FleetBand(FleetComparison f, string folder, string name = "fleet-capacity")
    {
        var x = f.Cycles.Select(k => (double)k.Cycle).ToArray();
        var plot = new Plot();
        if (x.Length > 1)
        {
            var band = plot.Add.FillY(x, f.Cycles.Select(k => k.Capacity.P5).ToArray(), f.Cycles.Select(k => k.Capacity.P95).ToArray());
            band.LegendText = "measured p5-p95";
            band.FillColor = Colors.SteelBlue.WithAlpha(0.3);
        }
        Series(plot, x, f.Cycles.Select(k => k.Capacity.P50), "measured median", false);
        Series(plot, x, f.Cycles.Select(k => k.Twin_mAh), "twin", true);
        foreach (var o in f.Cells.Where(c => c.Outlier))
            Series(plot, o.Cycles.Select(k => (double)k.Cycle).ToArray(), o.Cycles.Select(k => ComparisonResult.Returned(k, f.ChargeFirst, twin: false) * 1000), $"outlier {o.Name}", false);
        plot.Title($"fleet of {f.Cells.Count}: returned capacity per cycle");
        plot.XLabel("cycle");
        plot.YLabel("capacity (mAh)");
        plot.ShowLegend();
        Save(plot, folder, name);
    }

    /// <summary>
    /// Nyquist plot of a file's impedance records (Re Z against −Im Z, equal axes), one line per sweep: a sweep
    /// ends where the frequency rises again. Measured only: the twin has no impedance model.
    /// </summary>
    public static void Nyquist(CyclerTable table, string folder, string name = "nyquist")
    {
        var points = table.Impedance;
        if (points.Count == 0) return;
        var plot = new Plot();
        int sweep = 0, start = 0;
        for (int i = 1; i <= points.Count; i++)
        {
            if (i < points.Count && points[i].Frequency_Hz <= points[i - 1].Frequency_Hz) continue;
            var s = plot.Add.Scatter(points.Skip(start).Take(i - start).Select(p => p.ReZ_Ohm).ToArray(),
                points.Skip(start).Take(i - start).Select(p => p.MinusImZ_Ohm).ToArray());
            s.LegendText = $"sweep {++sweep}";
            start = i;
        }
        plot.Axes.SquareUnits();
        plot.Title($"{Path.GetFileName(table.SourcePath)}: impedance, {points.Count} points (measured; the twin has no impedance model)");
        plot.XLabel("Re Z (Ohm)");
        plot.YLabel("-Im Z (Ohm)");
        if (sweep <= 12) plot.ShowLegend();
        Save(plot, folder, name);
    }

    private static void Series(Plot plot, double[] x, IEnumerable<double> y, string label, bool dashed)
    {
        var s = plot.Add.Scatter(x, y.ToArray());
        s.LegendText = label;
        // Dashed lines are lost in Skia's SVG output; the twin gets a thinner line and no markers instead.
        if (dashed) { s.LineWidth = 1; s.MarkerSize = 0; }
    }

    private static double[] Thin(double[] values, int step)
    {
        if (step == 1) return values;
        var list = new List<double>(values.Length / step + 1);
        for (var i = 0; i < values.Length; i += step) list.Add(values[i]);
        return list.ToArray();
    }

    private static void Save(Plot plot, string folder, string name)
    {
        plot.SavePng(Path.Combine(folder, name + ".png"), Width, Height);
        plot.SaveSvg(Path.Combine(folder, name + ".svg"), Width, Height);
    }
}
