using System.Globalization;
using System.Text;

namespace DapCu.Twin.Data.Formats;

/// <summary>What a header column means: which quantity, the factor to the table unit, and a preference
/// when several columns give the same quantity (BioLogic Ecell/V over Ewe/V).</summary>
/// <param name="Magnitude">The column holds magnitudes (Maccor "Amps"): the step type gives the sign.</param>
internal readonly record struct ColumnRole(Quantity Quantity, double Scale, int Priority = 0, bool Magnitude = false);

internal enum TimeEncoding { Seconds, Clock }

/// <summary>
/// One instrument's export: how to find its header, which delimiter and number style it uses and what its
/// column names mean. The reading itself is shared (<see cref="CyclerDataReader"/>).
/// </summary>
internal abstract class FormatSpec
{
    public abstract CyclerFormat Format { get; }
    /// <summary>The delimiter the instrument's software writes by default.</summary>
    public abstract char Delimiter { get; }
    /// <summary>Delimiters seen in real exports of this format (locale or export settings), preferred first.</summary>
    public virtual char[] Delimiters => [Delimiter];
    public virtual TimeEncoding TimeEncoding => TimeEncoding.Seconds;

    /// <summary>True where the current column is a magnitude (or unreliable in sign) and the step type gives the sign.</summary>
    public virtual bool SignFromStepKind => false;

    /// <summary>0-based index of the header line among the probe's lines, or -1 if this is not the format.</summary>
    public abstract int FindHeader(FileProbe probe, char delimiter);

    /// <summary>Role of a header column, or null for a column the table does not use.</summary>
    public abstract ColumnRole? Classify(string column);

    /// <summary>An example column name for a quantity, for "expected ..." messages.</summary>
    public abstract string Example(Quantity quantity);

    /// <summary>Decimal point or decimal comma, decided from the first records (a German or French Windows
    /// locale writes "0,5" and then separates fields with semicolons or tabs).</summary>
    public virtual NumberFormatInfo Numbers(FileProbe probe, int headerIndex, char delimiter)
    {
        if (delimiter == ',') return FieldParsers.DecimalPoint;
        int commas = 0, points = 0;
        for (int i = headerIndex + 1; i < Math.Min(probe.Lines.Count, headerIndex + 40); i++)
        {
            foreach (var field in probe.Lines[i].Split(delimiter))
            {
                var f = field.Trim();
                if (f.Length < 3 || f.Contains(' ') || f.Contains(':') || f.Contains('/')) continue; // times, dates
                int comma = f.IndexOf(','), point = f.IndexOf('.');
                if (comma > 0 && point < 0 && char.IsDigit(f[comma - 1]) && comma + 1 < f.Length && char.IsDigit(f[comma + 1])) commas++;
                else if (point > 0 && comma < 0 && char.IsDigit(f[point - 1]) && f.IndexOf('.', point + 1) < 0) points++;
            }
        }
        return commas > 0 && points == 0 ? FieldParsers.DecimalComma : FieldParsers.DecimalPoint;
    }

    /// <summary>What the preamble says about the cell (area, active mass, name); empty by default.</summary>
    public virtual FileMetadata Metadata(FileProbe probe, int headerIndex) => FileMetadata.None;

    public static readonly FormatSpec[] All =
    [
        new BioLogicMptFormat(), new MaccorFormat(), new LandtFormat(), new NewareFormat(), new ArbinFormat(), new BdfFormat(),
    ];

    public static FormatSpec For(CyclerFormat format) => All.FirstOrDefault(s => s.Format == format)
        ?? throw new ArgumentException($"{format.DisplayName()} is a binary format, recognised from its content; do not force it");

    /// <summary>
    /// Rows that carry the cycle and step for the records below them instead of data (Neware's "regular"
    /// export nests records under step rows under cycle rows). Null for flat files.
    /// </summary>
    public virtual RowHierarchy? Hierarchy(FileProbe probe, int headerIndex, char delimiter) => null;

    /// <summary>Header names of a line, split by Sylvan (so quoting rules are the CSV library's, not ours).</summary>
    public static string[] Fields(string line, char delimiter)
    {
        if (string.IsNullOrWhiteSpace(line)) return [];
        Sylvan.Data.Csv.CsvDataReader csv;
        try
        {
            csv = Sylvan.Data.Csv.CsvDataReader.Create(new StringReader(line),
                new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true, Delimiter = delimiter });
        }
        catch (Exception e) when (e is Sylvan.Data.Csv.CsvMissingHeadersException or Sylvan.Data.Csv.CsvFormatException)
        {
            return []; // not a header line (an unclosed quote, or a text line the detector probes)
        }
        using var _ = csv;
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

    /// <summary>
    /// Looks a header up by its <see cref="ColumnName.Key"/> (first with the unit folded into the name, as in
    /// "mAmps" or "test_time_s", then without it). A known name in a unit foreign to its quantity is not used
    /// (the "no current column" message then names what was expected).
    /// </summary>
    protected static ColumnRole? ByAlias(string column, IReadOnlyDictionary<string, Alias> aliases)
    {
        if (aliases.TryGetValue(ColumnName.KeyOf(column), out var whole))
            return Role(whole.Quantity, null, whole.DefaultUnit, whole.Priority) is { } r ? r with { Magnitude = whole.Magnitude } : null;
        var name = ColumnName.Parse(column);
        if (!aliases.TryGetValue(name.Key, out var alias)) return null;
        return Role(alias.Quantity, name.Unit, alias.DefaultUnit, alias.Priority) is { } role ? role with { Magnitude = alias.Magnitude } : null;
    }

    /// <summary>The quantities a header line's fields name, by alias.</summary>
    protected HashSet<Quantity> QuantitiesOf(string[] fields) =>
        fields.Select(Classify).Where(r => r is not null).Select(r => r!.Value.Quantity).ToHashSet();

    protected static string[] Keys(string[] fields) => fields.Select(f => ColumnName.Parse(f).Key).ToArray();

    /// <summary>Index of the first non-blank probe line, or -1.</summary>
    protected static int FirstLine(FileProbe probe)
    {
        for (int i = 0; i < probe.Lines.Count; i++) if (!string.IsNullOrWhiteSpace(probe.Lines[i])) return i;
        return -1;
    }
}
