namespace DapCu.Twin.Scenarios.Tests;

/// <summary>Scratch folders under the repository's git-ignored test-results/scratch, so a test run leaves
/// nothing outside the clone.</summary>
internal static class Scratch
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DapCu.Twin.sln"))) return Path.Combine(dir.FullName, "test-results", "scratch");
        throw new DirectoryNotFoundException("DapCu.Twin.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>A new empty folder whose name starts with the prefix.</summary>
    public static DirectoryInfo Create(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Root.Value, prefix + Guid.NewGuid().ToString("N")[..12]));
}
