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

    /// <summary>Cycles above which voltage vs time shows only the first, middle and last cycle: thousands of
    /// cycles on one time axis are a solid band nobody can read.</summary>
    public const int LongRunCycles = 20;

    private static IReadOnlyList<string> VoltageVsTime(string directory, IReadOnlyList<LabelledRun> runs)
    {
        if (runs.Max(r => r.Run.Cycles.Count) > LongRunCycles) return VoltageOfSelectedCycles(directory, runs);
        var plot = PlotFiles.New("Voltage vs time", "Time (h)", "Voltage (V)");
        for (int i = 0; i < runs.Count; i++)
        {
            var ts = WithoutStartSample(runs[i].Run.TimeSeries);
            PlotFiles.AddLine(plot, ts.Select(p => p.Time_s / 3600.0).ToArray(), ts.Select(p => p.Voltage_V).ToArray(), i, runs[i].Label);
        }
        return PlotFiles.Save(plot, directory, "voltage_time");
    }

    /// <summary>Voltage against time within the cycle for the first (solid), middle (dashed) and last (dotted)
    /// cycle of each variant.</summary>
    private static IReadOnlyList<string> VoltageOfSelectedCycles(string directory, IReadOnlyList<LabelledRun> runs)
    {
        var plot = PlotFiles.New("Voltage vs time in cycle: first (solid), middle (dashed), last (dotted) cycle", "Time in cycle (h)", "Voltage (V)");
        for (int i = 0; i < runs.Count; i++)
        {
            var cycles = runs[i].Run.Cycles;
            if (cycles.Count == 0) continue;
            var picks = ShownCycles(cycles);
            var ts = WithoutStartSample(runs[i].Run.TimeSeries);
            for (int k = 0; k < picks.Length; k++)
            {
                var points = ts.Where(p => p.Cycle == picks[k]).ToArray();
                if (points.Length < 2) continue;
                var line = PlotFiles.AddLine(plot, points.Select(p => (p.Time_s - points[0].Time_s) / 3600.0).ToArray(),
                    points.Select(p => p.Voltage_V).ToArray(), i, $"{runs[i].Label} cycle {picks[k]}");
                line.LinePattern = k switch { 0 => ScottPlot.LinePattern.Solid, 1 => ScottPlot.LinePattern.Dashed, _ => ScottPlot.LinePattern.Dotted };
            }
        }
        return PlotFiles.Save(plot, directory, "voltage_time");
    }

    /// <summary>The run's first sample is the open-circuit voltage before the first step; when a current step
    /// starts at the same instant it would draw a vertical spike at t = 0, so it is left out.</summary>
    /// <summary>The cycles a long run's voltage figure shows: first, middle and last.</summary>
    public static int[] ShownCycles(IReadOnlyList<CycleRecord> cycles) =>
        cycles.Count == 0 ? [] : new[] { cycles[0].Cycle, cycles[cycles.Count / 2].Cycle, cycles[^1].Cycle }.Distinct().ToArray();

    public static List<TimeSeriesPoint> WithoutStartSample(List<TimeSeriesPoint> ts) =>
        ts.Count > 1 && ts[0].Current_mA == 0 && ts[1].Time_s == ts[0].Time_s && ts[1].Current_mA != 0 ? ts.GetRange(1, ts.Count - 1) : ts;

    private static IReadOnlyList<string> OverpotentialVsTime(string directory, IReadOnlyList<LabelledRun> runs)
    {
        var plot = PlotFiles.New("Overpotential vs time", "Time (h)", "Overpotential (mV)");
        for (int i = 0; i < runs.Count; i++)
        {
            var ts = WithoutStartSample(runs[i].Run.TimeSeries);
            PlotFiles.AddLine(plot, ts.Select(p => p.Time_s / 3600.0).ToArray(), ts.Select(p => p.Overpotential_mV).ToArray(), i, runs[i].Label);
        }
        return PlotFiles.Save(plot, directory, "overpotential_time");
    }

    /// <summary>Voltage against the capacity passed in each step, for the first cycle (solid) and the
    /// last complete cycle (dashed) of each variant: the classic charge/discharge loop.</summary>
    private static IReadOnlyList<string> VoltageVsCapacity(string directory, IReadOnlyList<LabelledRun> runs)
    {
        // Per gram of active material where the report gives capacities per gram (every variant has a cathode).
        var massPerArea = runs.Select(r => ActiveMass_g_cm2(r.Run)).ToArray();
        bool perGram = massPerArea.All(double.IsFinite);
        var plot = PlotFiles.New("Voltage vs capacity (first: solid, last: dashed)", perGram ? "Capacity (mAh/g)" : "Capacity (mAh/cm²)", "Voltage (V)");
        for (int i = 0; i < runs.Count; i++)
        {
            var ts = runs[i].Run.TimeSeries;
            if (ts.Count == 0) continue;
            int first = ts.Min(p => p.Cycle);
            int last = runs[i].Run.Cycles.Count > 0 ? runs[i].Run.Cycles[^1].Cycle : first;
            var scale = perGram ? 1.0 / massPerArea[i] : 1.0;
            AddCycle(plot, ts, first, i, runs[i].Label, dashed: false, scale);
            if (last != first) AddCycle(plot, ts, last, i, legend: null, dashed: true, scale);
        }
        return PlotFiles.Save(plot, directory, "voltage_capacity");
    }

    /// <summary>Active mass per area, g/cm2, read off the cycle table (mAh/cm2 over mAh/g); NaN without one.</summary>
    private static double ActiveMass_g_cm2(RunResult run) =>
        run.Cycles.Where(c => c.Discharge_mAh_g > 0 && double.IsFinite(c.Discharge_mAh_g))
            .Select(c => c.Discharge_mAh_cm2 / c.Discharge_mAh_g).DefaultIfEmpty(double.NaN).First();

    private static void AddCycle(ScottPlot.Plot plot, List<TimeSeriesPoint> ts, int cycle, int seriesIndex, string? legend, bool dashed, double scale)
    {
        // One line per step: capacity restarts at zero with every step.
        foreach (var step in ts.Where(p => p.Cycle == cycle).GroupBy(p => p.Step))
        {
            var points = step.ToArray();
            if (points.Length < 2 || points.All(p => p.Current_mA == 0)) continue;
            PlotFiles.AddLine(plot, points.Select(p => p.StepCapacity_mAh_cm2 * scale).ToArray(), points.Select(p => p.Voltage_V).ToArray(),
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
