namespace DapCu.Twin.Scenarios.Output;

/// <summary>
/// Writes stay inside the output folder: a symbolic link planted where a run writes (its partial folder,
/// a marker's temporary file, a file inside a kept partial folder) is removed, never followed, so no
/// output lands on, or overwrites, the link's target.
/// </summary>
public static class SafePaths
{
    /// <summary>Removes <paramref name="path"/> if it is a symbolic link (the link only, not its target).</summary>
    public static void RemoveLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return;
        if ((info.Attributes & FileAttributes.Directory) != 0) Directory.Delete(path);
        else File.Delete(path);
    }

    /// <summary>Removes every symbolic link under a folder this run owns (a partial folder kept for --resume).</summary>
    public static void RemoveLinksUnder(string folder)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions
                 { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }).ToList())
            if (entry.LinkTarget is not null) RemoveLink(entry.FullName);
    }
}
