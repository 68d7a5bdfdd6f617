namespace DapCu.Twin.Cluster.Tests;

/// <summary>The repository (the folder holding DapCu.Twin.sln) and the git-ignored scratch folder tests write to.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>test-results/scratch (git-ignored): Redis keeps its append-only files here, never in /tmp.</summary>
    public static string Scratch(string name)
    {
        var dir = Path.Combine(Root, "test-results", "scratch", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DapCu.Twin.sln"))) return dir.FullName;
        throw new InvalidOperationException("DapCu.Twin.sln not found above " + AppContext.BaseDirectory);
    }
}
