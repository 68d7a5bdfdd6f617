namespace DapCu.Twin.Data.Formats;

/// <summary>
/// One file's records in file order, before the checks every format shares (time stepping back, a cut last
/// record), which <see cref="CyclerDataReader"/> applies. Text exports and binary files each have one.
/// </summary>
internal abstract class RecordSource : IDisposable
{
    public abstract CyclerFormat Format { get; }
    /// <summary>1-based line of the column header (text), 0 for binary files.</summary>
    public virtual long HeaderLine => 0;
    public virtual IReadOnlyList<string> IgnoredColumns => [];
    /// <summary>Optional quantities the file declares (a column or field exists), whether or not records fill them.</summary>
    public abstract DataColumns BoundColumns { get; }
    /// <summary>Optional quantities records actually held.</summary>
    public DataColumns Columns { get; protected set; }
    public FileMetadata Metadata { get; protected set; } = FileMetadata.None;
    public long SkippedRows { get; protected set; }
    public List<string> SkipMessages { get; } = [];
    /// <summary>The last record was dropped as cut while being written (text formats; message in <see cref="SkipMessages"/>).</summary>
    public virtual bool LastRecordCut => false;
    /// <summary>Where a record is, for messages: "line 12" or "record 12 (byte 4096)"; only <see cref="CyclerRow.Line"/> is used.</summary>
    public virtual string Where(in CyclerRow row) => $"line {row.Line}";

    /// <summary>The instrument's step-type names met so far; rows refer to them by index.</summary>
    public List<string> StepLabels { get; } = [];
    private readonly Dictionary<string, int> _labelIndex = [];
    private string? _lastLabel;
    private int _lastLabelIndex = -1;

    /// <summary>Index of a step-type name, added on first sight (few distinct names, so no allocation per record after that).</summary>
    protected int Label(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return -1;
        // Records of one step repeat its name: compare with the last one before hashing.
        if (_lastLabel is not null && text.SequenceEqual(_lastLabel)) return _lastLabelIndex;
        int found = Find(text);
        if (found >= 0) { _lastLabel = StepLabels[found]; _lastLabelIndex = found; }
        return found;
    }

    private int Find(ReadOnlySpan<char> text)
    {
        var lookup = _labelIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var index)) return index;
        if (StepLabels.Count >= 1000) return -1; // not a step type column after all
        var name = text.ToString();
        StepLabels.Add(name);
        _labelIndex[name] = StepLabels.Count - 1;
        return StepLabels.Count - 1;
    }

    private IEnumerator<CyclerRow>? _records;

    /// <summary>
    /// The next record in file order, or false at the end. A source overrides either this (the hot readers: no
    /// iterator between the file and the caller) or <see cref="Records"/> (simpler readers, written as an iterator).
    /// </summary>
    public virtual bool TryRead(out CyclerRow row)
    {
        _records ??= Records().GetEnumerator();
        if (_records.MoveNext())
        {
            row = _records.Current;
            return true;
        }
        row = default;
        return false;
    }

    /// <summary>The records as an iterator; by default drawn from <see cref="TryRead"/>. Override one of the two.</summary>
    public virtual IEnumerable<CyclerRow> Records()
    {
        while (TryRead(out var row)) yield return row;
    }

    public virtual void Dispose() => _records?.Dispose();
}
