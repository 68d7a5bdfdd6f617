using System.Globalization;
using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary>Ctrl-C during dapcu run, then dapcu run --resume (docs/scenario-format.md, "Run outputs").</summary>
public class InterruptTests
{
    private const int SweepPoints = 300;

    /// <summary>Symmetric DAP cell, 1 mA/cm2, 1000 h, swept over 300 current densities: each finished point is
    /// checkpointed, so there is partial work for --resume to keep, and 299 points left when the first is done.</summary>
    public static string LongSweep()
    {
        var values = string.Join(", ", Enumerable.Range(0, SweepPoints).Select(i => (0.5 + 0.002 * i).ToString("0.000", CultureInfo.InvariantCulture)));
        return $$"""
            name: z-long
            seed: 42
            output: { resolution_s: 3600 }
            cells:
              - label: DAP
                design: dap-sym
            protocol: |
              Stop on short: no
              Repeat 500 times:
                Discharge at 1 mA/cm2 for 1 h
                Charge at 1 mA/cm2 for 1 h
            sweep: { parameter: current_density_mA_cm2, values: [{{values}}], metric: mean_overpotential_mV }

            """;
    }

    [Fact]
    public void Ctrl_C_keeps_finished_runs_marks_the_interrupted_one_and_resume_completes_it()
    {
        using var dir = new TempFolder();
        dir.Write("set/a-quick.yaml", TestScenarios.DapHalfCell("a-quick", cycles: 2));
        dir.Write("set/b-quick.yaml", TestScenarios.DapHalfCell("b-quick", cycles: 2));
        dir.Write("set/z-long.yaml", LongSweep());
        var checkpoints = dir["runs/.z-long.partial/sweep_points"];
        int Checkpoints() => Directory.Exists(checkpoints) ? Directory.GetFiles(checkpoints, "point-*.json").Length : 0;

        CliResult interrupted;
        using (var run = CliProcess.Start(dir.Path, "run", "set"))
        {
            // Scenarios run two at a time in file order: the quick ones finish while the sweep has begun. The sweep
            // reports progress only after a point is checkpointed, and 300 points take far longer than the SIGINT
            // that follows the line. The wait is on those lines; its bound only guards against a hang.
            var started = run.WaitUntil(() => run.Stdout.Contains("a-quick: complete") && run.Stdout.Contains("b-quick: complete")
                                              && run.Stdout.Contains("progress: z-long: sweep"), TimeSpan.FromMinutes(10));
            Assert.True(started && !run.HasExited, $"the long run should be under way; stdout:\n{run.Stdout}\nstderr:\n{run.Stderr}");
            Assert.True(File.Exists(dir["runs/z-long.INCOMPLETE"]), "an unfinished run is marked while it runs");
            run.Interrupt();
            interrupted = run.WaitForExit(TimeSpan.FromSeconds(30));
        }

        Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
        Assert.Contains("z-long: interrupted", interrupted.Stdout);
        // Finished runs are complete; the interrupted one has no runs/z-long/, only its marker and partial work.
        foreach (var quick in new[] { "a-quick", "b-quick" })
        {
            Assert.True(File.Exists(dir[$"runs/{quick}/summary.json"]), interrupted.ToString());
            Assert.False(File.Exists(dir[$"runs/{quick}.INCOMPLETE"]));
        }
        Assert.False(Directory.Exists(dir["runs/z-long"]));
        Assert.StartsWith("interrupted", File.ReadAllText(dir["runs/z-long.INCOMPLETE"]));
        var kept = Checkpoints();
        Assert.InRange(kept, 1, SweepPoints - 1);
        var quickRuns = new[] { "a-quick", "b-quick" }.ToDictionary(q => q, q => FolderSnapshot.Of(dir[$"runs/{q}"]));

        // The bounds on these runs only guard against a hang (a busy 2-core box may take minutes).
        var resumed = CliProcess.Run(dir.Path, TimeSpan.FromMinutes(20), "run", "set", "--resume", "--json");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var status = JsonNode.Parse(resumed.Stdout)!["scenarios"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>());
        Assert.Equal("skipped", status["a-quick"]);
        Assert.Equal("skipped", status["b-quick"]);
        Assert.Equal("complete", status["z-long"]);
        foreach (var (quick, snapshot) in quickRuns) Assert.Equal(snapshot, FolderSnapshot.Of(dir[$"runs/{quick}"]));
        Assert.False(File.Exists(dir["runs/z-long.INCOMPLETE"]));
        Assert.False(Directory.Exists(dir["runs/.z-long.partial"]));
        Assert.Equal(SweepPoints, TestScenarios.DataRows(dir["runs/z-long/sweep.csv"]));

        // Points kept from before Ctrl-C and points computed after it make the same table as one straight run.
        var straight = CliProcess.Run(dir.Path, TimeSpan.FromMinutes(20), "run", "set/z-long.yaml", "--out", "straight");
        Assert.True(straight.ExitCode == 0, straight.ToString());
        Assert.Equal(File.ReadAllText(dir["straight/z-long/sweep.csv"]), File.ReadAllText(dir["runs/z-long/sweep.csv"]));
    }
}
