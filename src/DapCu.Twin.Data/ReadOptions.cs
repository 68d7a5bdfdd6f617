namespace DapCu.Twin.Data;

/// <summary>How strictly to read a cycler file.</summary>
public sealed record ReadOptions
{
    /// <summary>Skip records that cannot be read (and count them) instead of failing on the first one.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>Read the file as this format instead of detecting it from the content.</summary>
    public CyclerFormat? Format { get; init; }

    /// <summary>How many skipped-row messages to keep for the report.</summary>
    public int MaxSkipMessages { get; init; } = 20;

    /// <summary>
    /// Refuse files that need repair (test time stepping back, a last record cut mid-line) instead of repairing
    /// them with a warning (<c>--strict</c>).
    /// </summary>
    public bool RejectRepairs { get; init; }

    /// <summary>
    /// The mdbtools program that streams the tables of an Arbin .res (MS Access) file as CSV: Debian's package
    /// mdbtools. The environment variable DAPCU_MDB_EXPORT names another path; by default it is found on PATH.
    /// </summary>
    public string MdbExport { get; init; } =
        Environment.GetEnvironmentVariable("DAPCU_MDB_EXPORT") is { Length: > 0 } tool ? tool : "mdb-export";

    public static ReadOptions Strict { get; } = new();
    public static ReadOptions Lenient { get; } = new() { SkipBadRows = true };
}
