namespace DapCu.Twin.Cli.Tests;

/// <summary>An interrupted fleet resumes from its last checkpointed shard instead of restarting (issue 15).</summary>
public class FleetResumeTests
{
    // 30,000 cells in shards of 10,000: each cell is one short plating step, so a shard is seconds of work.
    private const string Fleet = """
        name: fleet-resume
        seed: 3
        cells:
          - label: DAP
            design: dap-half
        protocol: |
          Plate at 1 mA/cm2 for 10 min
          Strip at 1 mA/cm2 until 1 V
        fleet:
          cells: 30000
          spread:
            np_ratio: { dist: normal, rel_sd: 0.05 }

        """;

    [Fact]
    public void Ctrl_C_in_a_fleet_keeps_finished_shards_and_resume_reuses_them_for_the_same_result()
    {
        using var dir = new TempFolder();
        dir.Write("fleet.yaml", Fleet);
        var first = dir["runs/.fleet-resume.partial/fleet_shards/variant0/cells-00000000.json"];

        using (var run = CliProcess.Start(dir.Path, "run", "fleet.yaml", "--no-grains"))
        {
            Assert.True(run.WaitUntil(() => File.Exists(first), TimeSpan.FromMinutes(10)), $"no shard checkpoint; stdout:\n{run.Stdout}\nstderr:\n{run.Stderr}");
            run.Interrupt();
            var stopped = run.WaitForExit(TimeSpan.FromMinutes(2));
            // Two shards (20,000 cells) were still to run when the first checkpoint appeared.
            Assert.True(stopped.ExitCode == 130, stopped.ToString());
        }
        var kept = File.ReadAllText(first);

        var resumed = CliProcess.Run(dir.Path, TimeSpan.FromMinutes(10), "run", "fleet.yaml", "--no-grains", "--resume");
        var straight = CliProcess.Run(dir.Path, TimeSpan.FromMinutes(10), "run", "fleet.yaml", "--no-grains", "--out", "straight");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("cells 0..9999 reused from a checkpoint", File.ReadAllText(dir["runs/fleet-resume/run.log"]));
        Assert.True(straight.ExitCode == 0, straight.ToString());
        Assert.Equal(FolderSnapshot.Contents(dir["straight/fleet-resume"], f => f.StartsWith("fleet", StringComparison.Ordinal) && f.EndsWith(".csv", StringComparison.Ordinal)),
                     FolderSnapshot.Contents(dir["runs/fleet-resume"], f => f.StartsWith("fleet", StringComparison.Ordinal) && f.EndsWith(".csv", StringComparison.Ordinal)));
        Assert.NotEmpty(kept);
    }
}
