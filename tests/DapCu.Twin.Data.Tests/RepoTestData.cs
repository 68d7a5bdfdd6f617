namespace DapCu.Twin.Data.Tests;

/// <summary>Real instrument files kept in the repository's tests/data (provenance in tests/data/README.md).</summary>
internal static class RepoTestData
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/data not found above {AppContext.BaseDirectory}");
    });

    public static string File(string name) => Path.Combine(Folder.Value, name);
}
