namespace DapCu.Twin.Acceptance;

/// <summary>Finds the repository (the folder holding DapCu.Twin.sln) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string PaperScenarios => Path.Combine(Root, "scenarios", "paper");

    public static string? Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DAPCU_SHARED");
            if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
            var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(beside) ? beside : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DapCu.Twin.sln"))) return dir.FullName;
        throw new InvalidOperationException("DapCu.Twin.sln not found above " + AppContext.BaseDirectory);
    }
}
