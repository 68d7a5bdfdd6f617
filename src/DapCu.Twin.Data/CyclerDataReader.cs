using System.Collections;
using System.Globalization;
using DapCu.Twin.Data.Formats;
using System.Runtime.CompilerServices;

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

    /// <summary>Starts the one pass over the file; a struct enumerator, so foreach costs no allocation or interface call per record.</summary>
    public Enumerator GetEnumerator()
    {
        if (_enumerated) throw new InvalidOperationException("a CyclerDataReader streams its file once; open it again to re-read");
        _enumerated = true;
        return new Enumerator(this);
    }

    IEnumerator<CyclerRow> IEnumerable<CyclerRow>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The records one by one, each passed through the shared checks in place (no copy per layer).</summary>
    public struct Enumerator : IEnumerator<CyclerRow>
    {
        private readonly CyclerDataReader _reader;
        private CyclerRow _current;

        internal Enumerator(CyclerDataReader reader)
        {
            _reader = reader;
            _current = default;
        }

        public readonly CyclerRow Current => _current;
        readonly object IEnumerator.Current => _current;
        public bool MoveNext() => _reader.Next(out _current);
        public readonly void Reset() => throw new NotSupportedException("a CyclerDataReader streams its file once");
        public readonly void Dispose() { }
    }

    // State of the one pass: the time check needs the previous record's time and line.
    private double _previous = double.NegativeInfinity, _offset;
    private long _lastLine;
    private bool _done;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per record: optimised from the first call (an import is one pass)
    private bool Next(out CyclerRow row)
    {
        if (_done)
        {
            row = default;
            return false;
        }
        if (!Read(out row))
        {
            _done = true;
            Finish();
            return false;
        }
        double time = row.Time_s + _offset;
        if (time < _previous)
        {
            var problem = string.Create(CultureInfo.InvariantCulture,
                $"test time steps back from {_previous} s ({_source.Where(new CyclerRow { Line = _lastLine })}) to {time} s");
            if (_options.RejectRepairs)
                throw new DataFormatException(FilePath, row.Line > 0 ? row.Line : null, problem + "; expected non-decreasing test time (repaired without --strict)");
            TimeRepairs++;
            if (_warnings.Count < 20)
                _warnings.Add($"{FilePath}, {_source.Where(row)}: {problem}; continued from the previous time");
            _offset += _previous - time;
            time = _previous;
        }
        if (time != row.Time_s) row = row with { Time_s = time };
        _previous = time;
        _lastLine = row.Line;
        RowsRead++;
        return true;
    }

    /// <summary>Whatever a broken file makes a reader trip over becomes a message naming the file, never a stack trace.</summary>
    private bool Read(out CyclerRow row)
    {
        try
        {
            return _source.TryRead(out row);
        }
        catch (Exception ex) when (ex is not DataFormatException and not OutOfMemoryException)
        {
            throw new DataFormatException(FilePath, null,
                $"unreadable {_source.Format.DisplayName()} content after {RowsRead} records ({ex.GetType().Name}: {ex.Message}); expected a complete file", inner: ex);
        }
    }

    private void Finish()
    {
        if (_source.LastRecordCut && _options.RejectRepairs)
            throw new DataFormatException(FilePath, null, _source.SkipMessages[^1] + " (dropped without --strict)");
        if (TimeRepairs > 20) _warnings.Add($"{FilePath}: {TimeRepairs} places where test time stepped back, the first 20 listed");
    }

    public void Dispose() => _source.Dispose();
}
