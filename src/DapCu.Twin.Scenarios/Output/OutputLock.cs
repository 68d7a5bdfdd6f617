namespace DapCu.Twin.Scenarios.Output;

/// <summary>A second writer of the same run folder: the message says who holds it and what to do.</summary>
public sealed class OutputLockedException(string message) : IOException(message);

/// <summary>
/// One writer per run folder: an exclusive lock on <c>runs/.&lt;name&gt;.lock</c> held for the whole run (and its
/// --resume check), so two dapcu processes on the same --out cannot interleave files. The lock is the
/// kernel's (flock, which .NET takes for FileShare.None): it dies with the process, so a killed run never
/// leaves a stale lock behind. The file stays (hidden) so no other process can race on its creation.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private readonly FileStream _stream;

    private OutputLock(FileStream stream) => _stream = stream;

    public static string PathFor(string root, string name) => Path.Combine(root, "." + name + ".lock");

    /// <summary>Takes the lock at once or throws <see cref="OutputLockedException"/>; never waits.</summary>
    public static OutputLock Acquire(string root, string name)
    {
        Directory.CreateDirectory(root);
        var path = PathFor(root, name);
        // A planted link would put the lock on another file (and create that file).
        if (new FileInfo(path).LinkTarget is not null) File.Delete(path);
        FileStream stream;
        try { stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException) when (File.Exists(path))
        {
            throw new OutputLockedException(
                $"{Path.Combine(root, name)} is being written by another dapcu run ({Holder(root, name)}); " +
                "wait for it to finish, or run with --out <another folder>");
        }
        return new OutputLock(stream);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>The holder's pid and start time, from the marker it keeps while running (the lock file itself
    /// cannot be read while locked: .NET takes a shared flock on every open).</summary>
    private static string Holder(string root, string name)
    {
        try
        {
            var marker = RunDirectory.MarkerFor(root, name);
            var first = File.Exists(marker) ? File.ReadLines(marker).FirstOrDefault() ?? "" : "";
            var pid = first.IndexOf("pid ", StringComparison.Ordinal);
            return pid >= 0 ? first[pid..].TrimEnd('.', ';') : "see " + marker;
        }
        catch (IOException) { return "pid unknown"; }
        catch (UnauthorizedAccessException) { return "pid unknown"; }
    }
}
