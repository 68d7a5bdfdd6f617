using System.Security.Cryptography;

namespace DapCu.Twin.Cli.Tests;

/// <summary>A fresh folder under the repository's git-ignored test-results/scratch, removed afterwards: each
/// test's working directory.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Create();

    private static string Create()
    {
        var path = System.IO.Path.Combine(Repo.Scratch, "dapcu-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file (folders created), returning its full path.</summary>
    public string Write(string relative, string text)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Every file under a folder with its SHA-256, size and last write time: equal snapshots mean nothing
/// was rewritten, not even with the same bytes.</summary>
public static class FolderSnapshot
{
    public static SortedDictionary<string, string> Of(string folder, Func<string, bool>? include = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file);
            if (include is not null && !include(relative)) continue;
            files[relative] = Hash(file) + $" {new FileInfo(file).Length} {File.GetLastWriteTimeUtc(file):O}";
        }
        return files;
    }

    /// <summary>Content only (SHA-256 per file), for "same bytes" comparisons between two runs.</summary>
    public static SortedDictionary<string, string> Contents(string folder, Func<string, bool>? include = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file);
            if (include is null || include(relative)) files[relative] = Hash(file);
        }
        return files;
    }

    private static string Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>The repository (the folder holding DapCu.Twin.sln), its instrument files and its scratch folder.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();
    public static string PaperScenarios => Path.Combine(Root, "scenarios", "paper");

    /// <summary>Git-ignored scratch space for tests (run-all.sh keeps its results beside it).</summary>
    public static string Scratch => Path.Combine(Root, "test-results", "scratch");

    /// <summary>A real instrument file of tests/data (provenance in tests/data/README.md); fails when missing.</summary>
    public static string TestData(string name)
    {
        var path = Path.Combine(Root, "tests", "data", name);
        Assert.True(File.Exists(path), $"{path} missing");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DapCu.Twin.sln"))) return dir.FullName;
        throw new InvalidOperationException("DapCu.Twin.sln not found above " + AppContext.BaseDirectory);
    }
}
