using DapCu.Twin.Physics.Results;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Tests.Execution;

public class ScenarioJobTests
{
    private readonly string _work = Scratch.Create("dapcu-job").FullName;

    private static ScenarioJob DirectJob() => new(DirectCellExecutor.Instance, new DirectFleetExecutor(2), 2);

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != ScenarioJob.LogFile)
            .ToDictionary(f => Path.GetFileName(f)!, File.ReadAllBytes);

    [Fact]
    public async Task Same_scenario_and_seed_give_byte_identical_files()
    {
        var scenario = ScenarioLoader.Load(TestScenarios.Write(_work, TestScenarios.LfpWithSweepAndFleet));
        await DirectJob().RunAsync(scenario, Path.Combine(_work, "a"), resume: false, null, default);
        await DirectJob().RunAsync(scenario, Path.Combine(_work, "b"), resume: false, null, default);

        var a = Files(Path.Combine(_work, "a", "tiny-lfp"));
        var b = Files(Path.Combine(_work, "b", "tiny-lfp"));
        foreach (var expected in new[] { "timeseries.csv", "cycles.csv", "summary.json", "report.md", "scenario.yaml", "sweep.csv",
                                         "fleet_cycles.csv", "voltage_time.png", "capacity_cycle.svg", "sweep_first_discharge_mAh_g.png" })
            Assert.Contains(expected, a.Keys);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs between two runs");
        Assert.True(File.Exists(Path.Combine(_work, "a", "tiny-lfp", ScenarioJob.LogFile)));
    }

    [Fact]
    public async Task Sweep_rows_match_runs_of_the_overridden_scenario()
    {
        var scenario = ScenarioLoader.Load(TestScenarios.Write(_work, TestScenarios.LfpWithSweepAndFleet));
        await DirectJob().RunAsync(scenario, _work, resume: false, null, default);
        var rows = File.ReadAllLines(Path.Combine(_work, "tiny-lfp", "sweep.csv"));
        var header = rows[0].Split(',');
        int metric = Array.IndexOf(header, "first_discharge_mAh_g");
        Assert.Equal(1 + 3 * 2, rows.Length);

        // Independent: apply the override by hand and run the engine straight.
        var at08 = ScenarioOverrides.Apply(scenario, "np_ratio", 0.8);
        var dap = at08.Cells.Single(c => c.Label == "DAP");
        var direct = ScenarioRunner.RunCell(dap, at08.Protocol, at08.Seed, at08.OutputResolution_s);
        var row = rows.Single(r => r.StartsWith("0,0.8,DAP,")).Split(',');
        Assert.Equal(direct.Cycles[0].Discharge_mAh_g, double.Parse(row[metric], System.Globalization.CultureInfo.InvariantCulture), 6);
        // More Li on the anode gives more first discharge at N/P < 1.2 (paper Fig. 4b).
        var dapValues = rows.Skip(1).Where(r => r.Split(',')[2] == "DAP").Select(r => double.Parse(r.Split(',')[metric], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(dapValues[0] < dapValues[1] && dapValues[1] <= dapValues[2], string.Join(", ", dapValues));
    }

    [Fact]
    public async Task A_bad_scenario_is_rejected_at_its_line_and_leaves_the_good_run_untouched()
    {
        var path = TestScenarios.Write(_work, TestScenarios.LfpWithSweepAndFleet);
        await DirectJob().RunAsync(ScenarioLoader.Load(path), _work, resume: false, null, default);
        var good = Files(Path.Combine(_work, "tiny-lfp"));

        File.WriteAllText(path, TestScenarios.LfpWithSweepAndFleet.Replace("dist: normal, sd: 0.05", "dist: gauss, sd: 0.05"));
        var e = await Assert.ThrowsAsync<ScenarioException>(() => DirectJob().RunAsync(ScenarioLoader.Load(path), _work, false, null, default));
        Assert.StartsWith($"{path}:17:23: ", e.Message);
        Assert.Contains("normal, lognormal or uniform", e.Message);

        Assert.Equal(good.Keys.Order(), Files(Path.Combine(_work, "tiny-lfp")).Keys.Order());
        foreach (var (name, bytes) in Files(Path.Combine(_work, "tiny-lfp"))) Assert.Equal(good[name], bytes);
        Assert.False(File.Exists(RunDirectory.MarkerFor(_work, "tiny-lfp")));
    }

    [Fact]
    public async Task An_interrupted_run_is_marked_keeps_the_good_run_and_resume_finishes_it()
    {
        var path = TestScenarios.Write(_work, TestScenarios.LfpWithSweepAndFleet);
        var scenario = ScenarioLoader.Load(path);
        await DirectJob().RunAsync(scenario, _work, resume: false, null, default);
        var good = Files(Path.Combine(_work, "tiny-lfp"));

        // Change the file (so the old run is stale), then interrupt the rerun in its sweep.
        File.WriteAllText(path, TestScenarios.LfpWithSweepAndFleet.Replace("seed: 42", "seed: 43"));
        var changed = ScenarioLoader.Load(path);
        using var cts = new CancellationTokenSource();
        var interrupting = new InterruptAfter(5, cts); // 2 variants, sweep point 0 (2 cells), then cancel inside point 1
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ScenarioJob(interrupting, new DirectFleetExecutor(2), 1).RunAsync(changed, _work, resume: false, null, cts.Token));

        Assert.Contains("interrupted", File.ReadAllText(RunDirectory.MarkerFor(_work, "tiny-lfp")));
        foreach (var (name, bytes) in Files(Path.Combine(_work, "tiny-lfp"))) Assert.Equal(good[name], bytes);
        Assert.False(ScenarioJob.IsComplete(_work, changed));

        var counting = new InterruptAfter(int.MaxValue, null);
        var outcome = await new ScenarioJob(counting, new DirectFleetExecutor(2), 1).RunAsync(changed, _work, resume: true, null, default);
        Assert.False(outcome.Skipped);
        Assert.True(ScenarioJob.IsComplete(_work, changed));
        Assert.False(File.Exists(RunDirectory.MarkerFor(_work, "tiny-lfp")));
        // 2 variants + 6 sweep cells; the point finished before the interruption is not run again.
        Assert.Equal(2 + 4, counting.Calls);

        var skipped = await DirectJob().RunAsync(changed, _work, resume: true, null, default);
        Assert.True(skipped.Skipped);
    }

    /// <summary>Runs cells straight, and cancels the run when the n-th cell is asked for.</summary>
    private sealed class InterruptAfter(int cells, CancellationTokenSource? cts) : ICellExecutor
    {
        public int Calls;

        public Task<RunResult> RunAsync(CellJob job, CancellationToken ct)
        {
            if (Interlocked.Increment(ref Calls) > cells)
            {
                cts!.Cancel();
                ct.ThrowIfCancellationRequested();
            }
            return DirectCellExecutor.Instance.RunAsync(job, ct);
        }
    }
}
