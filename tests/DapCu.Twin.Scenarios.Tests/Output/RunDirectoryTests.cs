using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Tests.Output;

public class RunDirectoryTests
{
    private readonly string _root = Scratch.Create("dapcu-runs").FullName;

    private void WriteGoodRun(string name, string content)
    {
        var run = RunDirectory.Begin(_root, name, keepPartialWork: false);
        File.WriteAllText(run.File("summary.json"), content);
        run.Commit();
    }

    [Fact]
    public void Commit_replaces_the_old_run_and_removes_the_marker()
    {
        WriteGoodRun("s1", "old");
        WriteGoodRun("s1", "new");
        Assert.Equal("new", File.ReadAllText(Path.Combine(_root, "s1", "summary.json")));
        Assert.False(File.Exists(RunDirectory.MarkerFor(_root, "s1")));
        Assert.Equal(["s1"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
        Assert.True(RunDirectory.IsComplete(_root, "s1", "summary.json"));
    }

    [Fact]
    public void An_interrupted_run_leaves_the_good_run_untouched_and_is_marked()
    {
        WriteGoodRun("s1", "good");
        var run = RunDirectory.Begin(_root, "s1", keepPartialWork: false);
        File.WriteAllText(run.File("summary.json"), "half-written");
        run.MarkIncomplete("interrupted");

        Assert.Equal("good", File.ReadAllText(Path.Combine(_root, "s1", "summary.json")));
        Assert.Contains("interrupted", File.ReadAllText(RunDirectory.MarkerFor(_root, "s1")));
        Assert.False(RunDirectory.IsComplete(_root, "s1", "summary.json"));
    }

    [Fact]
    public void Resume_keeps_partial_work_and_a_fresh_run_discards_it()
    {
        var run = RunDirectory.Begin(_root, "s2", keepPartialWork: false);
        File.WriteAllText(run.File("point-00001.json"), "{}");
        run.MarkIncomplete("interrupted");

        var resumed = RunDirectory.Begin(_root, "s2", keepPartialWork: true);
        Assert.True(File.Exists(resumed.File("point-00001.json")));
        var fresh = RunDirectory.Begin(_root, "s2", keepPartialWork: false);
        Assert.False(File.Exists(fresh.File("point-00001.json")));
    }

    [Fact]
    public void A_crash_between_the_two_moves_of_a_commit_is_recovered()
    {
        WriteGoodRun("s3", "good");
        // Simulate the crash: the final folder was moved aside, the new one not yet moved in.
        Directory.Move(Path.Combine(_root, "s3"), Path.Combine(_root, ".s3.previous"));
        RunDirectory.Begin(_root, "s3", keepPartialWork: false);
        Assert.Equal("good", File.ReadAllText(Path.Combine(_root, "s3", "summary.json")));
    }
}
