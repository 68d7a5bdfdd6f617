using System.Collections;
using System.Globalization;
using DapCu.Twin.Data.Formats;

namespace DapCu.Twin.Data;

/// <summary>
/// Streams the records of a cycler file as normalised <see cref="CyclerRow"/>s, one at a time, so a file of
/// any size is read in flat memory. The format is recognised from the content (text exports and binary files).
/// Checks shared by every format happen here: test time that steps back (a step restarting at 0) is repaired by
/// continuing from the previous time, with a warning naming the lines, or refused with
/// <see cref="ReadOptions.RejectRepairs"/>. Enumerate once.
/// </summary>
public sealed class CyclerDataReader : IEnumerable<CyclerRow>, IDisposable
{
    private readonly RecordSource _source;
    private readonly ReadOptions _options;
    private readonly List<string> _warnings = [];
    private bool _enumerated;

    public string FilePath { get; }
    public CyclerFormat Format => _source.Format;
    public long HeaderLine => _source.HeaderLine;
    public long FileBytes { get; }
    /// <summary>Columns of the file that the table does not use.</summary>
    public IReadOnlyList<string> IgnoredColumns => _source.IgnoredColumns;
    /// <summary>Optional quantities present; cycle and step count only once a record has held a value.</summary>
    public DataColumns Columns => _source.Columns;
    /// <summary>Optional quantities the file provides a column for, except cycle and step, which some
    /// instruments leave blank (see <see cref="Columns"/> for what records actually held).</summary>
    public DataColumns BoundColumns => _source.BoundColumns;
    /// <summary>Cell name, electrode area, active mass from the file's header, where it has them.</summary>
    public FileMetadata Metadata => _source.Metadata;
    /// <summary>The instrument's own step-type names (<see cref="CyclerRow.StepLabel"/> indexes them), growing as records are read.</summary>
    public IReadOnlyList<string> StepLabels => _source.StepLabels;
    public long RowsRead { get; private set; }
    public long SkippedRows => _source.SkippedRows;
    /// <summary>Why rows were skipped (the first <see cref="ReadOptions.MaxSkipMessages"/>).</summary>
    public IReadOnlyList<string> SkipMessages => _source.SkipMessages;
    /// <summary>Repairs made while reading (time stepping back), naming the lines; the first 20 and a count.</summary>
    public IReadOnlyList<string> Warnings => _warnings;
    public long TimeRepairs { get; private set; }

    private CyclerDataReader(string path, RecordSource source, ReadOptions options)
    {
        FilePath = path;
        _source = source;
        _options = options;
        FileBytes = new FileInfo(path).Length;
    }

    /// <summary>Opens a cycler file, recognises its format and binds its columns (errors name file and position).</summary>
    public static CyclerDataReader Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        return new CyclerDataReader(path, SourceFactory.Open(path, options), options);
    }

    public IEnumerator<CyclerRow> GetEnumerator()
    {
        if (_enumerated) throw new InvalidOperationException("a CyclerDataReader streams its file once; open it again to re-read");
        _enumerated = true;
        return Enumerate();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<CyclerRow> Enumerate()
    {
        double previous = double.NegativeInfinity, offset = 0;
        CyclerRow last = default;
        using var records = Guarded(_source.Records()).GetEnumerator();
        while (records.MoveNext())
        {
            var row = records.Current;
            double time = row.Time_s + offset;
            if (time < previous)
            {
                var inv = CultureInfo.InvariantCulture;
                var problem = string.Create(inv, $"test time steps back from {previous} s ({_source.Where(last)}) to {time} s");
                if (_options.RejectRepairs)
                    throw new DataFormatException(FilePath, row.Line > 0 ? row.Line : null, problem + "; expected non-decreasing test time (repaired without --strict)");
                TimeRepairs++;
                if (_warnings.Count < 20)
                    _warnings.Add($"{FilePath}, {_source.Where(row)}: {problem}; continued from the previous time");
                offset += previous - time;
                time = previous;
            }
            previous = time;
            row = row with { Time_s = time };
            last = row;
            RowsRead++;
            yield return row;
        }
        if (_source.LastRecordCut && _options.RejectRepairs)
            throw new DataFormatException(FilePath, null, _source.SkipMessages[^1] + " (dropped without --strict)");
        if (TimeRepairs > 20) _warnings.Add($"{FilePath}: {TimeRepairs} places where test time stepped back, the first 20 listed");
    }

    /// <summary>Whatever a broken file makes a reader trip over becomes a message naming the file, never a stack trace.</summary>
    private IEnumerable<CyclerRow> Guarded(IEnumerable<CyclerRow> rows)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (Exception ex) when (ex is not DataFormatException and not OutOfMemoryException)
            {
                throw new DataFormatException(FilePath, null,
                    $"unreadable {_source.Format.DisplayName()} content after {RowsRead} records ({ex.GetType().Name}: {ex.Message}); expected a complete file", inner: ex);
            }
            yield return e.Current;
        }
    }

    public void Dispose() => _source.Dispose();
}
