using System.Globalization;
using System.Text;

namespace DapCu.Twin.Data.Formats;

/// <summary>What a header column means: which quantity, the factor to the table unit, and a preference
/// when several columns give the same quantity (BioLogic Ecell/V over Ewe/V).</summary>
internal readonly record struct ColumnRole(Quantity Quantity, double Scale, int Priority = 0);

internal enum TimeEncoding { Seconds, Clock }

/// <summary>
/// One instrument's export: how to find its header, which delimiter and number style it uses and what its
/// column names mean. The reading itself is shared (<see cref="CyclerDataReader"/>).
/// </summary>
internal abstract class FormatSpec
{
    public abstract CyclerFormat Format { get; }
    public abstract char Delimiter { get; }
    public virtual Encoding Encoding => Encoding.UTF8;
    public virtual TimeEncoding TimeEncoding => TimeEncoding.Seconds;

    /// <summary>True where the current column is a magnitude (or unreliable in sign) and the step type gives the sign.</summary>
    public virtual bool SignFromStepKind => false;

    /// <summary>0-based index of the header line among the probe's lines, or -1 if this is not the format.</summary>
    public abstract int FindHeader(FileProbe probe, char delimiter);

    /// <summary>Role of a header column, or null for a column the table does not use.</summary>
    public abstract ColumnRole? Classify(string column);

    /// <summary>An example column name for a quantity, for "expected ..." messages.</summary>
    public abstract string Example(Quantity quantity);

    public virtual NumberFormatInfo Numbers(FileProbe probe, int headerIndex) => FieldParsers.DecimalPoint;

    public static readonly FormatSpec[] All =
    [
        new BioLogicMptFormat(), new MaccorFormat(), new LandtFormat(), new NewareFormat(), new ArbinFormat(), new BdfFormat(),
    ];

    public static FormatSpec For(CyclerFormat format) => All.First(s => s.Format == format);

    /// <summary>Header names of a line, split by Sylvan (so quoting rules are the CSV library's, not ours).</summary>
    public static string[] Fields(string line, char delimiter)
    {
        using var csv = Sylvan.Data.Csv.CsvDataReader.Create(new StringReader(line),
            new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true, Delimiter = delimiter });
        var names = new string[csv.FieldCount];
        for (int i = 0; i < names.Length; i++) names[i] = csv.GetName(i).Trim();
        return names;
    }

    protected static bool Has(string[] fields, params string[] names) =>
        names.All(n => fields.Any(f => string.Equals(f, n, StringComparison.OrdinalIgnoreCase)));

    protected static bool HasAny(string[] fields, params string[] names) =>
        names.Any(n => fields.Any(f => string.Equals(f, n, StringComparison.OrdinalIgnoreCase)));

    /// <summary>"Current(mA)" -> ("Current", "mA"); "Current" -> ("Current", null).</summary>
    protected static (string Name, string? Unit) SplitParenUnit(string column)
    {
        int open = column.LastIndexOf('(');
        if (open > 0 && column.EndsWith(')'))
            return (column[..open].Trim(), column[(open + 1)..^1].Trim());
        return (column.Trim(), null);
    }

    protected static ColumnRole? Role(Quantity q, string? unit, string defaultUnit, int priority = 0)
    {
        var scale = Units.Scale(q, unit ?? defaultUnit);
        return scale is { } s ? new ColumnRole(q, s, priority) : null;
    }
}
