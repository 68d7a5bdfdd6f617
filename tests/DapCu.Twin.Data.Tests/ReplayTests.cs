using DapCu.Twin.Data.Export;
using DapCu.Twin.Data.Replay;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Data.Tests;

public class ReplayTests
{
    [Fact]
    public void Replaying_a_twin_run_reproduces_its_voltage()
    {
        // The protocol runner and the replay share nothing but the cell model: the run's exported current, fed back
        // record by record, must give the run's own voltages (same seed, exact integration).
        using var dir = new TempDir();
        var run = TwinRuns.Run("dap-half", ParameterSets.Chen2024, TwinRuns.TwoRateHalfCell, resolution_s: 60);
        var measured = TwinRuns.AsMeasured(run, dir.File("run.bdf.csv"));
        var trace = Replayer.Run(measured, TwinRuns.Cell("dap-half", ParameterSets.Chen2024));
        Assert.Equal(ReplayMode.Current, trace.Mode);
        Assert.Equal(run.TimeSeries.Count, trace.Count);
        Assert.True(trace.VoltageRmse_V() < 1e-6, $"rmse {trace.VoltageRmse_V()} V");
        var comparison = Comparison.Of(trace);
        Assert.Equal(run.Cycles.Count, comparison.Cycles.Count);
        for (var i = 0; i < run.Cycles.Count; i++)
        {
            // Twin capacity and CE against the runner's own cycle table (areal -> Ah with the design area).
            var area = trace.Area_cm2;
            Assert.Equal(run.Cycles[i].Discharge_mAh_cm2 * area / 1000, comparison.Cycles[i].TwinDischarge_Ah, 8);
            Assert.Equal(run.Cycles[i].Charge_mAh_cm2 * area / 1000, comparison.Cycles[i].TwinCharge_Ah, 8);
            Assert.Equal(run.Cycles[i].CoulombicEfficiency, comparison.Cycles[i].TwinCe, 6);
            Assert.Equal(0, comparison.Cycles[i].CeError, 6);
        }
    }

    [Fact]
    public void Replay_is_deterministic()
    {
        var table = CyclerTable.Load(TestData.File("neware-uio.csv"));
        var cell = TwinCell.Resolve("dap-half");
        var a = Replayer.Run(table, cell, new ReplayOptions { Area_cm2 = 1.0 });
        var b = Replayer.Run(table, cell, new ReplayOptions { Area_cm2 = 1.0 });
        Assert.Equal(a.TwinVoltage_V, b.TwinVoltage_V);
        Assert.Equal(a.TwinOcv_V, b.TwinOcv_V);
        Assert.All(a.TwinVoltage_V, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Area_scales_the_current_density()
    {
        // The same file on twice the area is half the current density: lower overpotential, same sign pattern.
        using var dir = new TempDir();
        var run = TwinRuns.Run("dap-half", ParameterSets.Chen2024, "Plate at 1 mA/cm2 for 0.5 h");
        var measured = TwinRuns.AsMeasured(run, dir.File("m.bdf.csv"));
        var cell = TwinRuns.Cell("dap-half", ParameterSets.Chen2024);
        var small = Replayer.Run(measured, cell);
        var large = Replayer.Run(measured, cell, new ReplayOptions { Area_cm2 = 2 * cell.Design.Area_cm2 });
        var last = small.Count - 1;
        Assert.True(small.TwinVoltage_V[last] < large.TwinVoltage_V[last] && large.TwinVoltage_V[last] < 0);
    }

    [Fact]
    public void File_without_current_replays_the_protocol_or_says_what_is_missing()
    {
        using var dir = new TempDir();
        var path = dir.Write("ocv.bdf.csv", "test_time_second,voltage_volt,current_ampere\n0,0.1,0\n60,0.1,0\n120,0.1,0\n");
        var table = CyclerTable.Load(path);
        var e = Assert.Throws<DataFormatException>(() => Replayer.Run(table, TwinCell.Resolve("dap-half")));
        Assert.Contains(path, e.Message);
        Assert.Contains("no usable current", e.Message);
        Assert.Contains("protocol", e.Message);

        var scenario = dir.Write("s.yaml", "seed: 3\ncells:\n  - label: A\n    design: dap-half\nprotocol: |\n  Plate at 1 mA/cm2 for 1 h\n");
        var trace = Replayer.Run(table, TwinCell.Resolve(scenario + "#A"));
        Assert.Equal(ReplayMode.Protocol, trace.Mode);
        Assert.True(trace.TwinCurrent_A[1] < 0, "the protocol plates: negative current");
        Assert.All(trace.TwinVoltage_V, v => Assert.True(v < 0));
    }

    [Fact]
    public void Cell_argument_errors_name_what_is_accepted()
    {
        var e = Assert.Throws<FileNotFoundException>(() => TwinCell.Resolve("dap-hlaf"));
        Assert.Contains("'dap-hlaf'", e.Message);
        Assert.Contains("dap-half", e.Message);
        using var dir = new TempDir();
        var scenario = dir.Write("s.yaml", "cells:\n  - label: A\n    design: dap-half\nprotocol: |\n  Plate at 1 mA/cm2 for 1 h\n");
        var l = Assert.Throws<ArgumentException>(() => TwinCell.Resolve(scenario + "#B"));
        Assert.Contains("no cell 'B'", l.Message);
        Assert.Contains("A", l.Message);
    }

    [Fact]
    public void Cycles_come_from_current_sign_when_the_file_has_none()
    {
        double[] current = [0, -1, -1, 0, 1, 1, 0, -1, 1, -1];
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 2, 2, 3], CycleAlignment.FromCurrentSign(current));
    }
}

/// <summary>Replay across logging gaps: the twin rests through a gap instead of integrating the current over it.</summary>
public class ReplayGapTests
{
    /// <summary>1 s records discharging at 1 mA for a minute, then records at 60 s spacing (so the rate is set), a gap of
    /// <paramref name="gap_s"/> and 1 s records again; <paramref name="fill"/> fills the gap with 30 s records of that current.</summary>
    private static CyclerTable Table(double gap_s, double? fill)
    {
        var rows = new List<CyclerRow>();
        double t = 0;
        void Add(double current_A) => rows.Add(new CyclerRow(t, current_A, 3.4, 1, 1, StepKind.Discharge, double.NaN, double.NaN, double.NaN, double.NaN, rows.Count + 1));
        for (int i = 0; i < 60; i++) { Add(-1e-3); t += 1; }
        double end = t + gap_s;
        if (fill is { } f) for (t += 30; t <= end; t += 30) Add(f); // up to the gap's end, so no current flows into the next record
        t = end;
        for (int i = 0; i < 10; i++) { Add(-1e-3); t += 1; }
        return CyclerTable.FromRows(rows, DataColumns.Cycle | DataColumns.Step);
    }

    [Fact]
    public void A_gap_is_a_rest_not_an_integrated_current()
    {
        var cell = TwinCell.Resolve("foil-lfp"); // an LFP positive: its open-circuit voltage follows the charge moved
        var options = new ReplayOptions { Area_cm2 = 1.0 };
        var gapped = Replayer.Run(Table(3600, fill: null), cell, options);
        var rested = Replayer.Run(Table(3600, fill: 0.0), cell, options);       // the same hour logged as 0 A records
        var carried = Replayer.Run(Table(3600, fill: -1e-3), cell, options);    // the same hour logged at -1 mA
        Assert.Equal(1, gapped.LoggingGaps);
        Assert.Equal(0, rested.LoggingGaps);
        // The record after the gap and the last record: as if the hour had been logged at rest.
        Assert.Equal(rested.TwinVoltage_V[^1], gapped.TwinVoltage_V[^1], 6);
        Assert.Equal(rested.TwinOcv_V[^1], gapped.TwinOcv_V[^1], 6);
        // Carrying -1 mA through the hour would have moved 1 mAh more: a different state of charge.
        Assert.True(Math.Abs(carried.TwinOcv_V[^1] - gapped.TwinOcv_V[^1]) > 10 * Math.Abs(rested.TwinOcv_V[^1] - gapped.TwinOcv_V[^1]) + 1e-6,
            $"carried {carried.TwinOcv_V[^1]} V, gapped {gapped.TwinOcv_V[^1]} V, rested {rested.TwinOcv_V[^1]} V");
        // The measured capacity in compare counts the logged intervals only: 59 s before the gap and 9 s after it at 1 mA.
        Assert.Equal(68 * 1e-3 / 3600, Assert.Single(Comparison.Of(gapped).Cycles).MeasuredDischarge_Ah, 12);
    }
}
