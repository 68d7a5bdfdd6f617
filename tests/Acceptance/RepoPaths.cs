namespace DapCu.Twin.Acceptance;

/// <summary>Finds the repository (the folder holding DapCu.Twin.sln) and the files in it the tests read.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string PaperScenarios => Path.Combine(Root, "scenarios", "paper");

    /// <summary>The paper's targets as the repository's own table, with its citation.</summary>
    public static string PaperTargets => Path.Combine(Root, "docs", "paper-targets.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DapCu.Twin.sln"))) return dir.FullName;
        throw new InvalidOperationException("DapCu.Twin.sln not found above " + AppContext.BaseDirectory);
    }
}
