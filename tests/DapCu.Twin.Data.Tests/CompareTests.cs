using System.Text.Json;
using DapCu.Twin.Data.Export;
using DapCu.Twin.Data.Replay;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Data.Tests;

public class CompareTests
{
    [Fact]
    public void Landt_graphite_file_against_a_dap_half_cell_writes_a_full_report()
    {
        // The physics does not describe graphite; this checks the machinery on a real instrument's file.
        using var dir = new TempDir();
        var table = CyclerTable.Load(TestData.File("landt-li-graphite-r2032.csv"));
        var c = Comparison.Of(Replayer.Run(table, TwinCell.Resolve("dap-half")));

        // Cycles follow the file's cycle_index column (read off the file: 1 and 2).
        Assert.Equal([1, 2], c.Cycles.Select(k => k.Cycle));
        Assert.Equal(table.Count, c.Cycles.Sum(k => k.Records));
        Assert.All(c.Trace.Residual_V(), r => Assert.True(double.IsFinite(r)));
        // The comparison integrates the measured current, as the summary does when told to ignore counters. The
        // file prints current to 0.1 mA (a 0.2 mA cell), so the integral is 0.0071 Ah where the Landt's own counter
        // says 0.0063 Ah (awk: discharge_capacity_Ah before it restarts at line 16053): the summary uses the counter.
        var integrated = Analysis.CycleSummaryBuilder.Of(table.Rows(), useCounters: false);
        Assert.Equal(integrated.Cycles[0].DischargeCapacity_Ah, c.Cycles[0].MeasuredDischarge_Ah, 9);
        var summary = Analysis.CycleSummaryBuilder.Of(table.Rows());
        Assert.Equal(Analysis.CapacitySource.ChargeDischargeCounters, summary.CapacitySource);
        Assert.Equal(0.0063, summary.Cycles[0].DischargeCapacity_Ah, 9);

        var folder = CompareReport.Write(c, dir.Path);
        Assert.Equal(Path.Combine(dir.Path, "compare-landt-li-graphite-r2032"), folder);
        foreach (var f in new[] { "residuals.csv", "cycles.csv", "report.md", "summary.json", "voltage.png", "voltage.svg", "capacity.png", "capacity.svg" })
            Assert.True(new FileInfo(Path.Combine(folder, f)).Length > 100, f);
        Assert.Equal(table.Count + 1, File.ReadLines(Path.Combine(folder, "residuals.csv")).Count());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Equal(2, json.RootElement.GetProperty("cycleCount").GetInt32());
        Assert.Equal(c.VoltageRmse_V, json.RootElement.GetProperty("voltageRmse_V").GetDouble(), 12);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, "voltage.png")).Take(4));
    }

    [Fact]
    public void A_failing_report_leaves_the_previous_one_intact()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "compare-x");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.md"), "previous");
        Assert.Throws<InvalidOperationException>(() => AtomicOutput.WriteFolder(folder, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "report.md"), "half");
            throw new InvalidOperationException("plot failed");
        }));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(folder, "report.md")));
        Assert.Single(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void Twin_with_more_resistance_shows_larger_overpotential_and_earlier_cutoff()
    {
        // Measured = twin at the calibrated set; compared against a twin with 3x the SEI resistance the
        // overpotential error is positive and stripping reaches the measured 0.5 V cutoff no later.
        // Without SEI ageing: an ageing film makes the plating voltage fall steadily to its last sample, which the
        // comparison's cutoff heuristic (last voltage = extreme) would read as a voltage-limited plating.
        using var dir = new TempDir();
        var calibrated = ParameterSets.Chen2024.With("dap.sei_aging_rate_per_h", 0.0);
        var measured = TwinRuns.AsMeasured(TwinRuns.Run("dap-half", calibrated, TwinRuns.TwoRateHalfCell), dir.File("m.bdf.csv"));
        var stiff = calibrated.With("dap.interface_resistance_ohm_cm2", 3 * calibrated.Dap.InterfaceResistance_ohm_cm2);
        var c = Comparison.Of(Replayer.Run(measured, TwinRuns.Cell("dap-half", stiff)));
        Assert.All(c.Cycles, k => Assert.True(k.OverpotentialError_V > 0.005, $"cycle {k.Cycle}: {k.OverpotentialError_V}"));
        Assert.All(c.Cycles, k => Assert.True(k.TwinCharge_Ah <= k.MeasuredCharge_Ah + 1e-12));
        Assert.All(c.Cycles, k => Assert.Equal(k.MeasuredDischarge_Ah, k.TwinDischarge_Ah, 12)); // plating ends on time, not voltage
    }

    [Fact]
    public void Fleet_flags_the_cell_that_differs()
    {
        // Eight DAP half cells (different seeds: dead-Li noise) and one planar-Cu cell, whose first-cycle
        // CE is ~70 % against ~93 % (paper Fig. 3a): the PL cell must be the only outlier.
        using var dir = new TempDir();
        const string protocol = "Repeat 4 times:\n  Plate at 1 mA/cm2 for 1 h\n  Strip at 1 mA/cm2 until 1 V\n";
        var results = new List<ComparisonResult>();
        var twin = TwinCell.Resolve("dap-half");
        for (var seed = 1; seed <= 8; seed++)
        {
            var m = TwinRuns.AsMeasured(TwinRuns.Run("dap-half", ParameterSets.Chen2024, protocol, 300, seed), dir.File($"dap{seed}.bdf.csv"));
            results.Add(Comparison.Of(Replayer.Run(m, twin)));
        }
        var pl = TwinRuns.AsMeasured(TwinRuns.Run("pl-half", ParameterSets.Chen2024, protocol, 300), dir.File("pl.bdf.csv"));
        results.Add(Comparison.Of(Replayer.Run(pl, twin)));

        var fleet = FleetComparison.Of(results);
        Assert.Equal(["pl"], fleet.Cells.Where(c => c.Outlier).Select(c => c.Name));
        Assert.Equal(4, fleet.Cycles.Count);
        Assert.All(fleet.Cycles, k => Assert.True(k.Capacity.P5 <= k.Capacity.P50 && k.Capacity.P50 <= k.Capacity.P95));
        var folder = FleetReport.Write(fleet, dir.Path, "fleet");
        Assert.Contains("**Outliers (1):** pl (", File.ReadAllText(Path.Combine(folder, "report.md")));
        Assert.True(File.Exists(Path.Combine(folder, "fleet-capacity.png")));
        Assert.True(File.Exists(Path.Combine(folder, "cells", "compare-pl", "report.md")));
    }

    [Fact]
    public void Percentiles_match_numpy_type_7()
    {
        // numpy.percentile([1, 2, 3, 4, 10], [5, 50, 95]) = [1.2, 3.0, 8.8]
        double[] x = [4, 1, 10, 3, 2];
        Assert.Equal(1.2, FleetComparison.Percentile(x, 0.05), 12);
        Assert.Equal(3.0, FleetComparison.Percentile(x, 0.50), 12);
        Assert.Equal(8.8, FleetComparison.Percentile(x, 0.95), 12);
    }
}

public class DetectionRobustnessTests
{
    [Fact]
    public void Text_file_with_blank_lines_is_rejected_with_a_format_error()
    {
        // Found by pointing a fleet comparison at the instrument files' folder, whose README has blank lines.
        var e = Assert.Throws<DataFormatException>(() => CyclerDataReader.Open(TestData.File("README.md")));
        Assert.Contains("README.md", e.Message);
        Assert.Contains("no known cycler format", e.Message);
    }
}
