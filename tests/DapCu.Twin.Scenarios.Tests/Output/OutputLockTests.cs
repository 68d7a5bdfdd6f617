using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Tests.Output;

/// <summary>The run-folder lock and link handling on their own (the two-process case is in the CLI tests).</summary>
public sealed class OutputLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dapcu-lock").FullName;

    [Fact]
    public void A_held_lock_refuses_a_second_holder_until_it_is_released()
    {
        using (OutputLock.Acquire(_root, "s1"))
        {
            var e = Assert.Throws<OutputLockedException>(() => OutputLock.Acquire(_root, "s1"));
            Assert.Contains(Path.Combine(_root, "s1") + " is being written by another dapcu run", e.Message);
            using (OutputLock.Acquire(_root, "s2")) { } // other names are independent
        }
        using (OutputLock.Acquire(_root, "s1")) { }
    }

    [Fact]
    public void A_planted_lock_link_is_replaced_and_its_target_left_alone()
    {
        var target = Path.Combine(_root, "target.txt");
        File.WriteAllText(target, "keep");
        File.CreateSymbolicLink(OutputLock.PathFor(_root, "s1"), target);

        using (OutputLock.Acquire(_root, "s1")) { }

        Assert.Equal("keep", File.ReadAllText(target));
        Assert.Null(new FileInfo(OutputLock.PathFor(_root, "s1")).LinkTarget);
    }

    [Fact]
    public void Links_inside_a_kept_partial_folder_are_removed_not_followed()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "keep");
        var partial = Directory.CreateDirectory(Path.Combine(_root, ".s1.partial")).FullName;
        File.CreateSymbolicLink(Path.Combine(partial, "timeseries.csv"), Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(partial, "sweep_points"), outside);

        var run = RunDirectory.Begin(_root, "s1", keepPartialWork: true);
        File.WriteAllText(run.File("timeseries.csv"), "new");

        Assert.Equal("keep", File.ReadAllText(Path.Combine(outside, "secret.txt")));
        Assert.Equal(["secret.txt"], Directory.GetFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(partial, "sweep_points")));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
