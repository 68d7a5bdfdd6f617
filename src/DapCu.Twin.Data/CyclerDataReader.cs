using System.Collections;
using System.Globalization;
using DapCu.Twin.Data.Formats;
using Sylvan.Data.Csv;

namespace DapCu.Twin.Data;

/// <summary>
/// Streams the records of a cycler file as normalised <see cref="CyclerRow"/>s, one at a time, so a file of
/// any size is read in flat memory. The format is recognised from the content. Enumerate once.
/// </summary>
public sealed class CyclerDataReader : IEnumerable<CyclerRow>, IDisposable
{
    private readonly FileLayout _layout;
    private readonly ColumnBinding _columns;
    private readonly CsvDataReader _csv;
    private readonly NumberFormatInfo _numbers;
    private readonly ReadOptions _options;
    private readonly RowHierarchy? _hierarchy;
    private readonly bool _signFromStepKind;
    private readonly List<string> _skipMessages = [];
    private bool _enumerated;

    public string FilePath { get; }
    public CyclerFormat Format => _layout.Spec.Format;
    public long HeaderLine => _layout.HeaderLine;
    public long FileBytes => _layout.Probe.Length;
    /// <summary>Columns of the file that the table does not use.</summary>
    public IReadOnlyList<string> IgnoredColumns => _columns.Ignored;
    /// <summary>Optional quantities present; cycle and step count only once a record has held a value.</summary>
    public DataColumns Columns { get; private set; }
    /// <summary>Optional quantities the header provides a column for, except cycle and step, which some
    /// instruments leave blank (see <see cref="Columns"/> for what records actually held).</summary>
    public DataColumns BoundColumns =>
        (_columns.Has(Quantity.StepType) || _columns.Has(Quantity.OxRed) ? DataColumns.StepType : 0)
        | (_columns.Has(Quantity.StepCapacity) ? DataColumns.StepCapacity : 0)
        | (_columns.Has(Quantity.ChargeCapacity) ? DataColumns.ChargeCapacity : 0)
        | (_columns.Has(Quantity.DischargeCapacity) ? DataColumns.DischargeCapacity : 0)
        | (_columns.Has(Quantity.Temperature) ? DataColumns.Temperature : 0);
    public long RowsRead { get; private set; }
    public long SkippedRows { get; private set; }
    /// <summary>Why rows were skipped (the first <see cref="ReadOptions.MaxSkipMessages"/>).</summary>
    public IReadOnlyList<string> SkipMessages => _skipMessages;

    private CyclerDataReader(string path, FileLayout layout, ReadOptions options)
    {
        FilePath = path;
        _layout = layout;
        _options = options;
        _numbers = layout.Spec.Numbers(layout.Probe, layout.HeaderIndex, layout.Delimiter);
        _hierarchy = layout.Spec.Hierarchy(layout.Probe, layout.HeaderIndex, layout.Delimiter);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var text = new StreamReader(stream, layout.Probe.Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        for (int i = 0; i < layout.HeaderIndex; i++) text.ReadLine();
        try
        {
            _csv = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = layout.Delimiter,
                BufferSize = 1 << 16,
                MaxBufferSize = 1 << 22,
            });
        }
        catch (Exception e) when (e is not DataFormatException)
        {
            text.Dispose();
            throw new DataFormatException(path, layout.HeaderLine, $"unreadable header: {e.Message}", inner: e);
        }
        var header = new string[_csv.FieldCount];
        for (int i = 0; i < header.Length; i++) header[i] = _csv.GetName(i).Trim();
        _columns = ColumnBinding.Bind(layout.Spec, header, path, layout.HeaderLine);
        _signFromStepKind = layout.Spec.SignFromStepKind || _columns.CurrentIsMagnitude;
    }

    /// <summary>Opens a cycler file, recognises its format and binds its columns (errors name file and line).</summary>
    public static CyclerDataReader Open(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Strict;
        var layout = FormatDetector.Detect(path, options.Format);
        return new CyclerDataReader(path, layout, options);
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
        long line = _layout.HeaderLine;
        var state = new RowState { PreviousTime_s = double.NegativeInfinity };
        while (ReadRecord(line))
        {
            line++;
            if (_csv.RowFieldCount <= 1 && _csv.GetFieldSpan(0).IsWhiteSpace()) continue; // blank line
            if (_hierarchy is not null && ContextRow(ref state)) continue;
            if (IsRepeatedHeader()) continue; // exports of several sheets or channels repeat the header
            var problem = TryParse(line, ref state, out var row);
            if (problem is null)
            {
                RowsRead++;
                yield return row;
                continue;
            }
            if (!_options.SkipBadRows) throw new DataFormatException(FilePath, line, problem.Value.Text, problem.Value.Column);
            SkippedRows++;
            if (_skipMessages.Count < _options.MaxSkipMessages)
                _skipMessages.Add(new DataFormatException(FilePath, line, problem.Value.Text, problem.Value.Column).Message);
        }
        if (RowsRead == 0)
            throw new DataFormatException(FilePath, line, SkippedRows == 0
                ? $"no data rows after the header on line {_layout.HeaderLine}; expected at least one record"
                : $"all {SkippedRows} data rows were bad; expected at least one readable record");
    }

    private bool ReadRecord(long line)
    {
        try { return _csv.Read(); }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw new DataFormatException(FilePath, line + 1, $"unreadable record ({e.Message}); expected {FormatDetector.Name(_layout.Delimiter)}-separated fields", inner: e);
        }
    }

    private struct RowState
    {
        public double PreviousTime_s;
        public long PreviousLine;
        public int Cycle, Step;
        public StepKind Kind; // from the enclosing step row of a nested (Neware "regular") export
    }

    /// <summary>Reads a cycle or step row of a nested export into the state; false for a record.</summary>
    private bool ContextRow(ref RowState state)
    {
        var h = _hierarchy!;
        var level = RowHierarchy.LevelOf(_csv.GetFieldSpan(0), _csv.RowFieldCount > 1 ? _csv.GetFieldSpan(1) : default);
        if (level == RowHierarchy.Level.Record) return false;
        int offset = 0;
        if (level == RowHierarchy.Level.Cycle)
        {
            if (FieldParsers.TryCount(_csv.GetFieldSpan(h.CycleColumn), _numbers, out var cycle)) { state.Cycle = cycle; Columns |= DataColumns.Cycle; }
            if (_csv.RowFieldCount <= h.CycleFieldCount) return true;
            offset = h.CycleFieldCount - 1; // the cycle's first step follows on the same line
        }
        if (h.StepIndexColumn >= 0 && h.StepIndexColumn + offset < _csv.RowFieldCount
            && FieldParsers.TryCount(_csv.GetFieldSpan(h.StepIndexColumn + offset), _numbers, out var step))
        {
            state.Step = step;
            Columns |= DataColumns.Step;
        }
        if (h.StepTypeColumn >= 0 && h.StepTypeColumn + offset < _csv.RowFieldCount)
        {
            state.Kind = FieldParsers.StepKindOf(_csv.GetFieldSpan(h.StepTypeColumn + offset));
            Columns |= DataColumns.StepType;
        }
        return true;
    }

    private bool IsRepeatedHeader()
    {
        int t = _columns[Quantity.Time];
        return t < _csv.RowFieldCount && _csv.GetFieldSpan(t).Trim().SequenceEqual(_columns.Header[t]);
    }

    private readonly record struct Problem(string Text, string? Column);

    private Problem? TryParse(long line, ref RowState state, out CyclerRow row)
    {
        row = default;
        var c = _columns;
        if (_csv.RowFieldCount < c.MinFields)
            return new Problem($"expected at least {c.MinFields} fields, found {_csv.RowFieldCount} (truncated line?)", null);

        if (Required(Quantity.Time, out var time_s) is { } p1) return p1;
        if (Required(Quantity.Current, out var current_A) is { } p2) return p2;
        if (Required(Quantity.Voltage, out var voltage_V) is { } p3) return p3;
        if (time_s < state.PreviousTime_s)
            return new Problem($"time {time_s.ToString(CultureInfo.InvariantCulture)} s is earlier than {state.PreviousTime_s.ToString(CultureInfo.InvariantCulture)} s on line {state.PreviousLine}; expected non-decreasing test time", c.NameOf(Quantity.Time));

        if (Count(Quantity.Cycle, ref state.Cycle, DataColumns.Cycle) is { } p4) return p4;
        if (Count(Quantity.Step, ref state.Step, DataColumns.Step) is { } p5) return p5;
        var kind = _hierarchy is null ? StepKindOfRecord() : state.Kind;
        if (_signFromStepKind)
        {
            if (kind == StepKind.Discharge) current_A = -Math.Abs(current_A);
            else if (kind == StepKind.Charge) current_A = Math.Abs(current_A);
        }
        if (Optional(Quantity.StepCapacity, out var stepCap) is { } p6) return p6;
        if (Optional(Quantity.ChargeCapacity, out var chargeCap) is { } p7) return p7;
        if (Optional(Quantity.DischargeCapacity, out var dischargeCap) is { } p8) return p8;
        if (Optional(Quantity.Temperature, out var temperature) is { } p9) return p9;

        state.PreviousTime_s = time_s;
        state.PreviousLine = line;
        row = new CyclerRow(time_s, current_A, voltage_V, state.Cycle, state.Step, kind, stepCap, chargeCap, dischargeCap, temperature, line);
        return null;
    }

    private Problem? Required(Quantity q, out double value)
    {
        int i = _columns[q];
        var text = _csv.GetFieldSpan(i);
        if (q != Quantity.Time)
        {
            if (FieldParsers.TryNumber(text, _numbers, out value)) { value *= _columns.Scale[(int)q]; return null; }
            return NotANumber(q, text, null);
        }
        // Any format may write elapsed time as a clock ("144:02:18", "1d 02:00:00", "1.02:00:00"): a clock is
        // already in seconds, a plain number is in the column's unit.
        if (FieldParsers.TryNumber(text, _numbers, out value)) { value *= _columns.Scale[(int)q]; return null; }
        if (FieldParsers.TryDuration(text, _numbers, out value)) return null;
        return NotANumber(q, text, _layout.Spec.TimeEncoding == TimeEncoding.Clock ? "a time such as 'hh:mm:ss' or '0d 00:00:00.0000'" : null);
    }

    private Problem? Optional(Quantity q, out double value)
    {
        value = double.NaN;
        int i = _columns[q];
        if (i < 0 || i >= _csv.RowFieldCount) return null;
        var text = _csv.GetFieldSpan(i);
        if (text.IsWhiteSpace() || text.SequenceEqual("N/A")) return null;
        if (!FieldParsers.TryNumber(text, _numbers, out value)) return NotANumber(q, text, null);
        value *= _columns.Scale[(int)q];
        Columns |= q switch
        {
            Quantity.StepCapacity => DataColumns.StepCapacity,
            Quantity.ChargeCapacity => DataColumns.ChargeCapacity,
            Quantity.DischargeCapacity => DataColumns.DischargeCapacity,
            _ => DataColumns.Temperature,
        };
        return null;
    }

    /// <summary>Cycle and step numbers; an empty cell keeps the previous value (Arbin leaves them blank).</summary>
    private Problem? Count(Quantity q, ref int value, DataColumns flag)
    {
        int i = _columns[q];
        if (i < 0 || i >= _csv.RowFieldCount) return null;
        var text = _csv.GetFieldSpan(i);
        if (text.IsWhiteSpace()) return null;
        if (!FieldParsers.TryCount(text, _numbers, out var parsed))
        {
            // A fractional number is not a cycle or step (the BDF reference Neware file has cycle_count 6.283...):
            // the column is unusable but the record is not; text in a count column is still an error.
            if (FieldParsers.TryNumber(text, _numbers, out var x) && x >= 0) return null;
            return new Problem($"expected a non-negative whole number, found '{Shorten(text)}'", _columns.NameOf(q));
        }
        value = parsed;
        Columns |= flag;
        return null;
    }

    private StepKind StepKindOfRecord()
    {
        if (_columns.Has(Quantity.StepType) && _columns[Quantity.StepType] < _csv.RowFieldCount)
        {
            Columns |= DataColumns.StepType;
            return FieldParsers.StepKindOf(_csv.GetFieldSpan(_columns[Quantity.StepType]));
        }
        // BioLogic: mode 3 is rest (or impedance at rest); otherwise ox/red says which way current flows.
        if (_columns.Has(Quantity.Mode) && _columns[Quantity.Mode] < _csv.RowFieldCount
            && _csv.GetFieldSpan(_columns[Quantity.Mode]).Trim() is ['3']) return StepKind.Rest;
        if (_columns.Has(Quantity.OxRed) && _columns[Quantity.OxRed] < _csv.RowFieldCount)
        {
            Columns |= DataColumns.StepType;
            return _csv.GetFieldSpan(_columns[Quantity.OxRed]).Trim() switch
            {
                ['1'] => StepKind.Charge,
                ['0'] => StepKind.Discharge,
                _ => StepKind.Unknown,
            };
        }
        return StepKind.Unknown;
    }

    private Problem NotANumber(Quantity q, ReadOnlySpan<char> text, string? expected)
    {
        var unit = Units.TableUnit(q);
        var scale = _columns.Scale[(int)q];
        expected ??= _numbers == FieldParsers.DecimalComma ? "a number with a decimal comma" : "a number";
        var found = text.IsWhiteSpace() ? "an empty field" : $"'{Shorten(text)}'";
        var hint = text.IndexOfAnyInRange('A', 'z') >= 0 && text.Trim().Length > 0 && char.IsDigit(text.Trim()[0])
            ? " (a unit inside the value: mixed units?)" : "";
        var unitNote = scale == 1 ? unit : $"the column's unit";
        return new Problem($"expected {expected} ({unitNote}), found {found}{hint}", _columns.NameOf(q));
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length > 40 ? text[..40].ToString() + "..." : text.ToString();

    public void Dispose() => _csv.Dispose();
}
