using System.Text;

namespace DapCu.Twin.Scenarios.Output;

/// <summary>
/// Gives a run all-or-nothing semantics on disk. Files are built in <c>runs/.&lt;name&gt;.partial/</c>;
/// <see cref="Commit"/> swaps that folder in for <c>runs/&lt;name&gt;/</c>, so an existing good run is replaced
/// only by a complete new one. A marker <c>runs/&lt;name&gt;.INCOMPLETE</c> exists from <see cref="Begin"/> until
/// the commit: if the process dies or is interrupted, the marker (and the partial folder, kept for
/// <c>--resume</c>) says so, and the old good run is untouched.
/// </summary>
public sealed class RunDirectory
{
    public const string IncompleteSuffix = ".INCOMPLETE";

    private RunDirectory(string root, string name)
    {
        Root = root;
        Name = name;
    }

    public string Root { get; }
    public string Name { get; }
    public string FinalPath => Path.Combine(Root, Name);
    public string StagingPath => Path.Combine(Root, "." + Name + ".partial");
    public string MarkerPath => Path.Combine(Root, Name + IncompleteSuffix);
    private string BackupPath => Path.Combine(Root, "." + Name + ".previous");

    public static string MarkerFor(string root, string name) => Path.Combine(root, name + IncompleteSuffix);

    /// <summary>Starts a run. With <paramref name="keepPartialWork"/> (resume) the staging folder of an
    /// interrupted run is kept so finished pieces (sweep points) can be reused; otherwise it starts empty.</summary>
    public static RunDirectory Begin(string root, string name, bool keepPartialWork)
    {
        var run = new RunDirectory(root, name);
        Directory.CreateDirectory(root);
        run.RecoverInterruptedCommit();
        SafePaths.RemoveLink(run.StagingPath);
        if (!keepPartialWork && Directory.Exists(run.StagingPath)) Directory.Delete(run.StagingPath, recursive: true);
        Directory.CreateDirectory(run.StagingPath);
        SafePaths.RemoveLinksUnder(run.StagingPath);
        run.WriteMarker($"running: pid {Environment.ProcessId}, started {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC. Partial work is in ." + name + ".partial/; " +
                        "`dapcu run --resume` continues it. Any earlier complete run in " + name + "/ is untouched.");
        return run;
    }

    /// <summary>Path of a file inside the staging folder.</summary>
    public string File(string fileName) => Path.Combine(StagingPath, fileName);

    /// <summary>Records why the run stopped (interrupted, failed); the partial folder stays for --resume.</summary>
    public void MarkIncomplete(string reason) =>
        WriteMarker(reason + Environment.NewLine + "Partial work is in ." + Name + ".partial/; `dapcu run --resume` continues it. " +
                    "Any earlier complete run in " + Name + "/ is untouched.");

    /// <summary>Swaps the finished staging folder in for the final one, then removes the marker.</summary>
    public void Commit()
    {
        if (Directory.Exists(BackupPath)) Directory.Delete(BackupPath, recursive: true);
        if (Directory.Exists(FinalPath)) Directory.Move(FinalPath, BackupPath);
        Directory.Move(StagingPath, FinalPath);
        System.IO.File.Delete(MarkerPath);
        if (Directory.Exists(BackupPath)) Directory.Delete(BackupPath, recursive: true);
    }

    /// <summary>True when <c>runs/&lt;name&gt;/</c> holds a finished run and no marker says otherwise.</summary>
    public static bool IsComplete(string root, string name, string completionFile) =>
        System.IO.File.Exists(Path.Combine(root, name, completionFile)) && !System.IO.File.Exists(MarkerFor(root, name));

    /// <summary>A crash between the two moves of <see cref="Commit"/> leaves only the backup: put it back.</summary>
    private void RecoverInterruptedCommit()
    {
        if (!Directory.Exists(BackupPath)) return;
        if (Directory.Exists(FinalPath)) Directory.Delete(BackupPath, recursive: true);
        else Directory.Move(BackupPath, FinalPath);
    }

    private void WriteMarker(string text)
    {
        var temp = MarkerPath + ".tmp";
        SafePaths.RemoveLink(temp);
        SafePaths.RemoveLink(MarkerPath);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                stream.Write(Encoding.UTF8.GetBytes(text + Environment.NewLine));
            System.IO.File.Move(temp, MarkerPath, overwrite: true);
        }
        catch (IOException) when (System.IO.File.Exists(MarkerPath))
        {
            // Disk full: no room for a new file, but the marker's own block is still there to overwrite.
            System.IO.File.Delete(temp);
            using var stream = new FileStream(MarkerPath, FileMode.Open, FileAccess.Write, FileShare.None);
            var bytes = Encoding.UTF8.GetBytes(text + Environment.NewLine);
            stream.Write(bytes, 0, Math.Min(bytes.Length, 4000));
            stream.SetLength(stream.Position);
        }
    }
}
