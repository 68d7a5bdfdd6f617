namespace DapCu.Twin.Cli.Tests;

/// <summary>Two dapcu run processes on the same --out: one writer per run folder (issue 15).</summary>
public class OutputLockTests
{
    [Fact]
    public void A_second_writer_of_the_same_run_fails_at_once_and_leaves_the_first_intact()
    {
        using var dir = new TempFolder();
        dir.Write("z-long.yaml", InterruptTests.LongSweep());

        using var first = CliProcess.Start(dir.Path, "run", "z-long.yaml");
        // The first writer is under way once it reports sweep progress (its variants are done, a point is checkpointed).
        Assert.True(first.WaitUntil(() => first.Stdout.Contains("progress: z-long: sweep"), TimeSpan.FromMinutes(10)),
            $"the first run should report sweep progress; stdout:\n{first.Stdout}\nstderr:\n{first.Stderr}");
        var partial = FolderSnapshot.Contents(dir["runs/.z-long.partial"], f => !f.StartsWith("sweep_points"));

        var second = CliProcess.Run(dir.Path, "run", "z-long.yaml");

        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Contains("is being written by another dapcu run (pid " + first.Id, second.Stderr);
        Assert.Contains("--out", second.Stderr);
        Assert.False(first.HasExited, "the first writer should still be running");
        Assert.Equal(partial, FolderSnapshot.Contents(dir["runs/.z-long.partial"], f => !f.StartsWith("sweep_points")));
        Assert.False(Directory.Exists(dir["runs/z-long"]), "nothing may be committed by the refused writer");

        first.Interrupt();
        var stopped = first.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.True(stopped.ExitCode == 130, stopped.ToString());
        Assert.StartsWith("interrupted", File.ReadAllText(dir["runs/z-long.INCOMPLETE"]));
    }

    [Fact]
    public void The_lock_dies_with_its_process_so_a_killed_run_does_not_block_the_next()
    {
        using var dir = new TempFolder();
        dir.Write("z-long.yaml", InterruptTests.LongSweep());
        using (var killed = CliProcess.Start(dir.Path, "run", "z-long.yaml"))
        {
            Assert.True(killed.WaitUntil(() => killed.Stdout.Contains("progress: z-long:"), TimeSpan.FromMinutes(10)), killed.Stdout);
        } // Dispose kills it (SIGKILL): no chance to release anything itself

        dir.Write("z-long.yaml", TestScenarios.DapHalfCell("z-long", cycles: 1));
        var next = CliProcess.Run(dir.Path, "run", "z-long.yaml");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(File.Exists(dir["runs/z-long/summary.json"]));
    }
}
