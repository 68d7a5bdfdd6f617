namespace DapCu.Twin.Data.Formats;

/// <summary>What one field of a record holds.</summary>
internal enum FieldValue { Empty, Number, Clock, Bad }

/// <summary>The fields of one record of a table that is not delimited text (an Access table streamed by
/// mdb-export, an Excel sheet), by column ordinal.</summary>
internal interface IRecordFields
{
    int Count { get; }
    /// <summary>A number in the column's own unit, or for a time a clock already in seconds (an Excel time cell).</summary>
    FieldValue Read(int ordinal, out double value);
    /// <summary>The field as text, for step-type names and messages.</summary>
    string Text(int ordinal);
}

/// <summary>
/// Maps records of a table whose header a <see cref="FormatSpec"/> has bound (<see cref="ColumnBinding"/>) to
/// <see cref="CyclerRow"/>s, with the rules of the text readers: required time, current and voltage; blank cycle and
/// step keep the previous value; the step type gives the sign where the format's current is a magnitude.
/// </summary>
internal sealed class RecordMapper(ColumnBinding columns, bool signFromStepKind, Func<string, int> label)
{
    private int _cycle, _step;

    public DataColumns Seen { get; private set; }

    public DataColumns Bound =>
        (columns.Has(Quantity.StepType) ? DataColumns.StepType : 0)
        | (columns.Has(Quantity.StepCapacity) ? DataColumns.StepCapacity : 0)
        | (columns.Has(Quantity.ChargeCapacity) ? DataColumns.ChargeCapacity : 0)
        | (columns.Has(Quantity.DischargeCapacity) ? DataColumns.DischargeCapacity : 0)
        | (columns.Has(Quantity.Temperature) ? DataColumns.Temperature : 0);

    /// <summary>The record as a row, or the problem ("expected ..., found ...") and the column to blame.</summary>
    public (string Text, string? Column)? Map<T>(T fields, long line, out CyclerRow row) where T : IRecordFields
    {
        row = default;
        if (fields.Count < columns.MinFields)
            return ($"expected at least {columns.MinFields} fields, found {fields.Count} (truncated record?)", null);
        if (Required(fields, Quantity.Time, out var time) is { } p1) return p1;
        if (Required(fields, Quantity.Current, out var current) is { } p2) return p2;
        if (Required(fields, Quantity.Voltage, out var voltage) is { } p3) return p3;
        if (Count(fields, Quantity.Cycle, ref _cycle, DataColumns.Cycle) is { } p4) return p4;
        if (Count(fields, Quantity.Step, ref _step, DataColumns.Step) is { } p5) return p5;

        var kind = StepKind.Unknown;
        int stepLabel = -1;
        if (columns.Has(Quantity.StepType) && columns[Quantity.StepType] < fields.Count)
        {
            var text = fields.Text(columns[Quantity.StepType]);
            kind = FieldParsers.StepKindOf(text);
            stepLabel = label(text);
            Seen |= DataColumns.StepType;
        }
        if (signFromStepKind || columns.CurrentIsMagnitude)
        {
            if (kind == StepKind.Discharge) current = -Math.Abs(current);
            else if (kind == StepKind.Charge) current = Math.Abs(current);
        }
        if (Optional(fields, Quantity.StepCapacity, DataColumns.StepCapacity, out var stepCap) is { } p6) return p6;
        if (Optional(fields, Quantity.ChargeCapacity, DataColumns.ChargeCapacity, out var chargeCap) is { } p7) return p7;
        if (Optional(fields, Quantity.DischargeCapacity, DataColumns.DischargeCapacity, out var dischargeCap) is { } p8) return p8;
        if (Optional(fields, Quantity.Temperature, DataColumns.Temperature, out var temperature) is { } p9) return p9;
        row = new CyclerRow(time, current, voltage, _cycle, _step, kind, stepCap, chargeCap, dischargeCap, temperature, line, StepLabel: stepLabel);
        return null;
    }

    private (string, string?)? Required<T>(T fields, Quantity q, out double value) where T : IRecordFields
    {
        int i = columns[q];
        switch (fields.Read(i, out value))
        {
            case FieldValue.Number: value *= columns.Scale[(int)q]; return null;
            case FieldValue.Clock when q == Quantity.Time: return null;
            default: return Expected(fields, q, "a number");
        }
    }

    private (string, string?)? Optional<T>(T fields, Quantity q, DataColumns flag, out double value) where T : IRecordFields
    {
        value = double.NaN;
        int i = columns[q];
        if (i < 0 || i >= fields.Count) return null;
        switch (fields.Read(i, out value))
        {
            case FieldValue.Empty: value = double.NaN; return null;
            case FieldValue.Number: value *= columns.Scale[(int)q]; Seen |= flag; return null;
            default: return Expected(fields, q, "a number");
        }
    }

    private (string, string?)? Count<T>(T fields, Quantity q, ref int count, DataColumns flag) where T : IRecordFields
    {
        int i = columns[q];
        if (i < 0 || i >= fields.Count) return null;
        switch (fields.Read(i, out var value))
        {
            case FieldValue.Empty: return null;
            case FieldValue.Number when value >= 0 && value <= int.MaxValue && value == Math.Floor(value):
                count = (int)value;
                Seen |= flag;
                return null;
            default: return Expected(fields, q, "a non-negative whole number");
        }
    }

    private (string, string?) Expected<T>(T fields, Quantity q, string what) where T : IRecordFields
    {
        int i = columns[q];
        var text = i < fields.Count ? fields.Text(i) : "";
        var found = string.IsNullOrWhiteSpace(text) ? "an empty field" : $"'{(text.Length > 40 ? text[..40] + "..." : text)}'";
        return ($"expected {what} ({(columns.Scale[(int)q] == 1 ? Units.TableUnit(q) : "the column's unit")}), found {found}", columns.NameOf(q));
    }
}
