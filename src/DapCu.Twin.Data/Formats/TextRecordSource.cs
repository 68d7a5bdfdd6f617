using System.Globalization;
using Sylvan.Data.Csv;
using System.Runtime.CompilerServices;

namespace DapCu.Twin.Data.Formats;

/// <summary>
/// The records of a delimited text export (every supported CSV/TSV dialect), split by Sylvan and mapped through the
/// format's <see cref="FormatSpec"/>. Records that cannot be read fail or are skipped (and counted) as asked.
/// </summary>
internal sealed class TextRecordSource : RecordSource
{
    private readonly FileLayout _layout;
    private readonly ColumnBinding _columns;
    private readonly CsvDataReader _csv;
    private readonly NumberFormatInfo _numbers;
    private readonly ReadOptions _options;
    private readonly RowHierarchy? _hierarchy;
    private readonly bool _signFromStepKind;
    private readonly bool _cut;
    private readonly string _path;
    private long _rowsRead;

    public override CyclerFormat Format => _layout.Spec.Format;
    public override long HeaderLine => _layout.HeaderLine;
    public override IReadOnlyList<string> IgnoredColumns => _columns.Ignored;
    public override bool LastRecordCut => LastRecordDropped;
    private bool LastRecordDropped { get; set; }
    public override DataColumns BoundColumns =>
        (_columns.Has(Quantity.StepType) || _columns.Has(Quantity.OxRed) ? DataColumns.StepType : 0)
        | (_columns.Has(Quantity.StepCapacity) ? DataColumns.StepCapacity : 0)
        | (_columns.Has(Quantity.ChargeCapacity) ? DataColumns.ChargeCapacity : 0)
        | (_columns.Has(Quantity.DischargeCapacity) ? DataColumns.DischargeCapacity : 0)
        | (_columns.Has(Quantity.Temperature) ? DataColumns.Temperature : 0)
        | (_columns.Has(Quantity.Frequency) ? DataColumns.Impedance : 0);

    public TextRecordSource(string path, FileLayout layout, ReadOptions options)
    {
        _path = path;
        _layout = layout;
        _options = options;
        _numbers = layout.Spec.Numbers(layout.Probe, layout.HeaderIndex, layout.Delimiter);
        _hierarchy = layout.Spec.Hierarchy(layout.Probe, layout.HeaderIndex, layout.Delimiter);
        Metadata = layout.Spec.Metadata(layout.Probe, layout.HeaderIndex);
        _cut = EndsWithoutLineEnd(path, layout.Probe.Encoding);
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

    /// <summary>A text file whose last byte is not a line end was cut while being written (or copied).</summary>
    private static bool EndsWithoutLineEnd(string path, System.Text.Encoding encoding)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (fs.Length < 2) return false;
        Span<byte> tail = stackalloc byte[2];
        fs.Seek(-2, SeekOrigin.End);
        fs.ReadExactly(tail);
        if (encoding.CodePage == 1200) return !(tail[0] is 0x0A or 0x0D && tail[1] == 0);
        if (encoding.CodePage == 1201) return !(tail[1] is 0x0A or 0x0D && tail[0] == 0);
        return tail[1] is not (0x0A or 0x0D or 0x1A);
    }

    // The pass over the records: the current CSV record, its line, and the last record's shape (for a cut last line).
    private long _line;
    private RowState _state = new() { Label = -1 };
    private int _previousFields, _previousLastLength;
    private bool _started, _more, _ended;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per record: optimised from the first call (an import is one pass)
    public override bool TryRead(out CyclerRow row)
    {
        if (!_started)
        {
            _started = true;
            _line = _layout.HeaderLine;
            _more = ReadRecord(_line);
        }
        while (_more)
        {
            long line = ++_line;
            if (_csv.RowFieldCount <= 1 && _csv.GetFieldSpan(0).IsWhiteSpace()) { _more = ReadRecord(line); continue; } // blank line
            if (_hierarchy is not null && ContextRow(ref _state)) { _more = ReadRecord(line); continue; }
            if (IsRepeatedHeader()) { _more = ReadRecord(line); continue; } // exports of several sheets or channels repeat the header
            var problem = TryParse(line, ref _state, out row);
            int fields = _csv.RowFieldCount, lastLength = _csv.GetFieldSpan(fields - 1).Length;
            _more = ReadRecord(line);
            // Many exports end without a line end; a last record that also has fewer fields, or a shorter last field,
            // than the one before it was cut while being written ("0.12" read as "0.1"): never trust it.
            if (!_more && _cut && _previousFields > 0 && (fields < _previousFields || lastLength < _previousLastLength))
            {
                SkippedRows++;
                SkipMessages.Add(new DataFormatException(_path, line,
                    $"the file ends inside this record (no line end, {(fields < _previousFields ? $"{fields} of {_previousFields} fields" : "last field shorter than on the line before")}: "
                    + "cut while being written?); record dropped, expected a complete last line").Message);
                LastRecordDropped = true;
                break;
            }
            _previousFields = fields;
            _previousLastLength = lastLength;
            if (problem is null)
            {
                _rowsRead++;
                return true;
            }
            if (!_options.SkipBadRows) throw new DataFormatException(_path, line, problem.Value.Text, problem.Value.Column);
            SkippedRows++;
            if (SkipMessages.Count < _options.MaxSkipMessages)
                SkipMessages.Add(new DataFormatException(_path, line, problem.Value.Text, problem.Value.Column).Message);
        }
        row = default;
        if (!_ended)
        {
            _ended = true;
            if (_rowsRead == 0)
                throw new DataFormatException(_path, _line, SkippedRows == 0
                    ? $"no data rows after the header on line {_layout.HeaderLine}; expected at least one record"
                    : $"all {SkippedRows} data rows were bad; expected at least one readable record");
        }
        return false;
    }

    private bool ReadRecord(long line)
    {
        try { return _csv.Read(); }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw new DataFormatException(_path, line + 1, $"unreadable record ({e.Message}); expected {FormatDetector.Name(_layout.Delimiter)}-separated fields", inner: e);
        }
    }

    private struct RowState
    {
        public int Label;
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
            state.Label = Label(_csv.GetFieldSpan(h.StepTypeColumn + offset));
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Problem? TryParse(long line, ref RowState state, out CyclerRow row)
    {
        row = default;
        var c = _columns;
        if (_csv.RowFieldCount < c.MinFields)
            return new Problem($"expected at least {c.MinFields} fields, found {_csv.RowFieldCount} (truncated line?)", null);

        if (Required(Quantity.Time, out var time_s) is { } p1) return p1;
        if (Required(Quantity.Current, out var current_A) is { } p2) return p2;
        if (Required(Quantity.Voltage, out var voltage_V) is { } p3) return p3;

        if (Count(Quantity.Cycle, ref state.Cycle, DataColumns.Cycle) is { } p4) return p4;
        if (Count(Quantity.Step, ref state.Step, DataColumns.Step) is { } p5) return p5;
        int label = _hierarchy is not null ? state.Label
            : _columns.Has(Quantity.StepType) && _columns[Quantity.StepType] < _csv.RowFieldCount ? Label(_csv.GetFieldSpan(_columns[Quantity.StepType])) : -1;
        var kind = _hierarchy is null ? StepKindOfRecord(label) : state.Kind;
        if (_signFromStepKind)
        {
            if (kind == StepKind.Discharge) current_A = -Math.Abs(current_A);
            else if (kind == StepKind.Charge) current_A = Math.Abs(current_A);
        }
        if (Optional(Quantity.StepCapacity, out var stepCap) is { } p6) return p6;
        if (Optional(Quantity.ChargeCapacity, out var chargeCap) is { } p7) return p7;
        if (Optional(Quantity.DischargeCapacity, out var dischargeCap) is { } p8) return p8;
        if (Optional(Quantity.Temperature, out var temperature) is { } p9) return p9;

        if (Optional(Quantity.Frequency, out var frequency) is { } p10) return p10;
        if (Optional(Quantity.ReZ, out var reZ) is { } p11) return p11;
        if (Optional(Quantity.MinusImZ, out var minusImZ) is { } p12) return p12;
        if (!(frequency > 0)) frequency = reZ = minusImZ = double.NaN; // EC-Lab writes freq 0 on its time-series records
        row = new CyclerRow(time_s, current_A, voltage_V, state.Cycle, state.Step, kind, stepCap, chargeCap, dischargeCap, temperature, line,
            frequency, reZ, minusImZ, label);
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
            Quantity.Temperature => DataColumns.Temperature,
            _ => DataColumns.Impedance,
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

    /// <summary>Step kind of each label met (the words are classified once, not per record).</summary>
    private readonly List<StepKind> _labelKinds = [];

    private StepKind StepKindOfRecord(int label)
    {
        if (_columns.Has(Quantity.StepType) && _columns[Quantity.StepType] < _csv.RowFieldCount)
        {
            Columns |= DataColumns.StepType;
            if (label < 0) return FieldParsers.StepKindOf(_csv.GetFieldSpan(_columns[Quantity.StepType]));
            while (_labelKinds.Count <= label) _labelKinds.Add(FieldParsers.StepKindOf(StepLabels[_labelKinds.Count]));
            return _labelKinds[label];
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

    public override void Dispose()
    {
        _csv.Dispose();
        base.Dispose();
    }
}
