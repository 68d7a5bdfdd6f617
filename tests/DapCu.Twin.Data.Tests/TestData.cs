namespace DapCu.Twin.Data.Tests;

/// <summary>The repository's real instrument files (tests/data, provenance in its README) and its
/// git-ignored scratch folder (test-results/scratch), both found from the folder holding DapCu.Twin.sln.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "DapCu.Twin.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("DapCu.Twin.sln not found above " + AppContext.BaseDirectory);
    });

    public static string File(string name) => Path.Combine(Root.Value, "tests", "data", name);

    public static string Scratch => Path.Combine(Root.Value, "test-results", "scratch");
}

/// <summary>A scratch folder under the repository's git-ignored test-results/, removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = CreateUnder(TestData.Scratch, "dapcu-data-");
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

    private static string CreateUnder(string parent, string prefix)
    {
        Directory.CreateDirectory(parent);
        var path = System.IO.Path.Combine(parent, prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
