namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Finds the read-only instrument files in shared/data: $DAPCU_SHARED if set, else the first folder holding
/// shared/data on the way up from the test binaries (the repo sits beside shared/ in CI and in worktrees).
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string File(string name) => Path.Combine(Folder.Value, name);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("DAPCU_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "data"))) return Path.Combine(env, "data");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/data not found above {AppContext.BaseDirectory}; set DAPCU_SHARED to the shared folder");
    }
}

/// <summary>A scratch folder removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dapcu-data-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
