using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Scenarios.Output;

/// <summary>The five standard figures of a run, one series (colour) per variant.</summary>
public static class RunPlots
{
    /// <summary>Writes every figure the runs have data for; returns the file names written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, IReadOnlyList<LabelledRun> runs)
    {
        var files = new List<string>();
        if (runs.Any(r => r.Run.TimeSeries.Count > 0))
        {
            files.AddRange(VoltageVsTime(directory, runs));
            files.AddRange(VoltageVsCapacity(directory, runs));
            files.AddRange(OverpotentialVsTime(directory, runs));
        }
        if (runs.Any(r => r.Run.Cycles.Count > 0))
        {
            files.AddRange(CoulombicEfficiencyVsCycle(directory, runs));
            files.AddRange(CapacityVsCycle(directory, runs));
        }
        return files;
    }

    private static IReadOnlyList<string> VoltageVsTime(string directory, IReadOnlyList<LabelledRun> runs)
    {
        var plot = PlotFiles.New("Voltage vs time", "Time (h)", "Voltage (V)");
        for (int i = 0; i < runs.Count; i++)
        {
            var ts = runs[i].Run.TimeSeries;
            PlotFiles.AddLine(plot, ts.Select(p => p.Time_s / 3600.0).ToArray(), ts.Select(p => p.Voltage_V).ToArray(), i, runs[i].Label);
        }
        return PlotFiles.Save(plot, directory, "voltage_time");
    }

    private static IReadOnlyList<string> OverpotentialVsTime(string directory, IReadOnlyList<LabelledRun> runs)
    {
        var plot = PlotFiles.New("Overpotential vs time", "Time (h)", "Overpotential (mV)");
        for (int i = 0; i < runs.Count; i++)
        {
            var ts = runs[i].Run.TimeSeries;
            PlotFiles.AddLine(plot, ts.Select(p => p.Time_s / 3600.0).ToArray(), ts.Select(p => p.Overpotential_mV).ToArray(), i, runs[i].Label);
        }
        return PlotFiles.Save(plot, directory, "overpotential_time");
    }

    /// <summary>Voltage against the capacity passed in each step, for the first cycle (solid) and the
    /// last complete cycle (dashed) of each variant: the classic charge/discharge loop.</summary>
    private static IReadOnlyList<string> VoltageVsCapacity(string directory, IReadOnlyList<LabelledRun> runs)
    {
        var plot = PlotFiles.New("Voltage vs capacity (first: solid, last: dashed)", "Capacity (mAh/cm²)", "Voltage (V)");
        for (int i = 0; i < runs.Count; i++)
        {
            var ts = runs[i].Run.TimeSeries;
            if (ts.Count == 0) continue;
            int first = ts.Min(p => p.Cycle);
            int last = runs[i].Run.Cycles.Count > 0 ? runs[i].Run.Cycles[^1].Cycle : first;
            AddCycle(plot, ts, first, i, runs[i].Label, dashed: false);
            if (last != first) AddCycle(plot, ts, last, i, legend: null, dashed: true);
        }
        return PlotFiles.Save(plot, directory, "voltage_capacity");
    }

    private static void AddCycle(ScottPlot.Plot plot, List<TimeSeriesPoint> ts, int cycle, int seriesIndex, string? legend, bool dashed)
    {
        // One line per step: capacity restarts at zero with every step.
        foreach (var step in ts.Where(p => p.Cycle == cycle).GroupBy(p => p.Step))
        {
            var points = step.ToArray();
            if (points.Length < 2 || points.All(p => p.Current_mA == 0)) continue;
            PlotFiles.AddLine(plot, points.Select(p => p.StepCapacity_mAh_cm2).ToArray(), points.Select(p => p.Voltage_V).ToArray(),
                seriesIndex, legend, dashed);
            legend = null;
        }
    }

    private static IReadOnlyList<string> CoulombicEfficiencyVsCycle(string directory, IReadOnlyList<LabelledRun> runs)
    {
        var plot = PlotFiles.New("Coulombic efficiency vs cycle", "Cycle", "Coulombic efficiency (%)");
        for (int i = 0; i < runs.Count; i++)
        {
            var cycles = runs[i].Run.Cycles;
            var line = PlotFiles.AddLine(plot, cycles.Select(c => (double)c.Cycle).ToArray(),
                cycles.Select(c => 100 * c.CoulombicEfficiency).ToArray(), i, runs[i].Label);
            line.MarkerSize = cycles.Count <= 200 ? 4 : 0;
        }
        return PlotFiles.Save(plot, directory, "ce_cycle");
    }

    /// <summary>Discharge capacity per gram of active material where every variant has one, else per cm².</summary>
    private static IReadOnlyList<string> CapacityVsCycle(string directory, IReadOnlyList<LabelledRun> runs)
    {
        bool perGram = runs.All(r => r.Run.Cycles.Count > 0 && double.IsFinite(r.Run.Cycles[0].Discharge_mAh_g));
        var plot = PlotFiles.New("Discharge capacity vs cycle", "Cycle", perGram ? "Discharge capacity (mAh/g)" : "Discharge capacity (mAh/cm²)");
        for (int i = 0; i < runs.Count; i++)
        {
            var cycles = runs[i].Run.Cycles;
            var line = PlotFiles.AddLine(plot, cycles.Select(c => (double)c.Cycle).ToArray(),
                cycles.Select(c => perGram ? c.Discharge_mAh_g : c.Discharge_mAh_cm2).ToArray(), i, runs[i].Label);
            line.MarkerSize = cycles.Count <= 200 ? 4 : 0;
        }
        return PlotFiles.Save(plot, directory, "capacity_cycle");
    }
}
