using System.Globalization;
using ExcelDataReader;

namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Arbin MITS and Neware BTS Excel exports (.xlsx), read row by row with ExcelDataReader. A sheet is data when one of
/// its first rows is a header that <see cref="ArbinFormat"/> or <see cref="NewareFormat"/> recognises (Arbin's
/// "Channel-25_1", "Channel-25_2", ... sheets, Neware's "record" sheet); the others (Global_Info, Statistics, step
/// sheets, notes) are skipped. Columns bind exactly as in the CSV exports. Cells hold numbers, text ("hh:mm:ss") or,
/// where Excel formats a time column as time, a day fraction: that is read as elapsed seconds. Arbin's Global_Info
/// sheet gives the active mass (MASS(g)).
/// </summary>
internal sealed class XlsxSource : RecordSource
{
    private const int HeaderSearchRows = 10;
    private static readonly DateTime ExcelEpoch = new(1899, 12, 30);
    private readonly string _path;
    private readonly ReadOptions _options;
    private readonly List<DataSheet> _sheets;

    // ExcelDataReader 3.6 falls back to code page 1252 (legacy .xls text), which .NET provides only once registered.
    static XlsxSource() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    private sealed record DataSheet(int Position, string Name, FormatSpec Spec, int HeaderRow, ColumnBinding Columns);

    public override CyclerFormat Format => _sheets[0].Spec is ArbinFormat ? CyclerFormat.ArbinXlsx : CyclerFormat.NewareXlsx;
    public override long HeaderLine => _sheets[0].HeaderRow + 1;
    public override IReadOnlyList<string> IgnoredColumns => _sheets[0].Columns.Ignored;
    public override DataColumns BoundColumns => new RecordMapper(_sheets[0].Columns, false, _ => -1).Bound;
    public override string Where(in CyclerRow row) => $"row {row.Line}";

    private XlsxSource(string path, ReadOptions options, List<DataSheet> sheets, FileMetadata metadata)
    {
        _path = path;
        _options = options;
        _sheets = sheets;
        Metadata = metadata;
    }

    public static XlsxSource Open(string path, ReadOptions options)
    {
        var sheets = new List<DataSheet>();
        var names = new List<string>();
        double? mass_g = null;
        using (var reader = Reader(path))
        {
            int position = 0;
            do
            {
                var lines = new List<string>();
                var rows = new List<string[]>();
                while (rows.Count < HeaderSearchRows && Read(path, reader, reader.Name, rows.Count + 1))
                {
                    var cells = new string[reader.FieldCount];
                    for (int i = 0; i < cells.Length; i++) cells[i] = Cell(reader, i);
                    rows.Add(cells);
                    lines.Add(string.Join('\t', cells.Select(c => c.Replace('\t', ' ').Replace('"', '\''))));
                }
                names.Add(reader.Name);
                mass_g ??= GlobalMass(rows);
                var probe = FileProbe.FromLines(path, lines);
                foreach (var spec in new FormatSpec[] { new ArbinFormat(), new NewareFormat() })
                {
                    int header = spec.FindHeader(probe, '\t');
                    if (header < 0) continue;
                    var columns = ColumnBinding.Bind(spec, rows[header].Select(c => c.Trim()).ToArray(), $"{path}, sheet '{reader.Name}'", header + 1);
                    if (sheets.Count > 0 && sheets[0].Spec.Format != spec.Format)
                        throw new DataFormatException(path, null, $"sheet '{reader.Name}' is a {spec.Format.DisplayName()} sheet but '{sheets[0].Name}' is {sheets[0].Spec.Format.DisplayName()}; expected one instrument's export");
                    sheets.Add(new DataSheet(position, reader.Name, spec, header, columns));
                    break;
                }
                position++;
            } while (reader.NextResult());
        }
        if (sheets.Count == 0)
            throw new DataFormatException(path, null,
                $"an Excel workbook whose sheets ({string.Join(", ", names.Select(n => $"'{n}'"))}) have no Arbin or Neware column header in their first {HeaderSearchRows} rows; "
                + "expected an Arbin channel sheet ('Test Time (s)', 'Current (A)', 'Voltage (V)', 'Cycle Index') or Neware's record sheet ('Total Time', 'Current(mA)', 'Voltage(V)')");
        return new XlsxSource(path, options, sheets, new FileMetadata(CellName: Path.GetFileNameWithoutExtension(path),
            ActiveMass_mg: mass_g is > 0 and < 1e6 ? mass_g * 1000 : null));
    }

    /// <summary>Arbin's Global_Info sheet: a row of labels with "MASS(g)" over a row of values.</summary>
    private static double? GlobalMass(List<string[]> rows)
    {
        for (int r = 0; r + 1 < rows.Count; r++)
        {
            int c = Array.FindIndex(rows[r], s => s.Trim().Equals("MASS(g)", StringComparison.OrdinalIgnoreCase));
            if (c >= 0 && c < rows[r + 1].Length && double.TryParse(rows[r + 1][c], NumberStyles.Float, CultureInfo.InvariantCulture, out var g)) return g;
        }
        return null;
    }

    public override IEnumerable<CyclerRow> Records()
    {
        using var reader = Reader(_path);
        long rows = 0;
        int position = 0;
        foreach (var sheet in _sheets)
        {
            while (position < sheet.Position) { reader.NextResult(); position++; }
            var mapper = new RecordMapper(sheet.Columns, sheet.Spec.SignFromStepKind, t => Label(t));
            var fields = new CellFields(reader);
            int time = sheet.Columns[Quantity.Time];
            long row = 0;
            while (Read(_path, reader, sheet.Name, row + 1))
            {
                row++;
                if (row <= sheet.HeaderRow + 1) continue;
                if (IsBlank(reader)) continue;
                if (time < reader.FieldCount && Cell(reader, time).Trim() == sheet.Columns.Header[time]) continue; // a repeated header
                var problem = mapper.Map(fields, row, out var record);
                Columns |= mapper.Seen;
                if (problem is null) { rows++; yield return record; continue; }
                var error = new DataFormatException(_path, null, $"sheet '{sheet.Name}' row {row}: {problem.Value.Text}", problem.Value.Column);
                if (!_options.SkipBadRows) throw error;
                SkippedRows++;
                if (SkipMessages.Count < _options.MaxSkipMessages) SkipMessages.Add(error.Message);
            }
        }
        if (rows == 0)
            throw new DataFormatException(_path, null, SkippedRows == 0
                ? $"no data rows below the header of sheet '{_sheets[0].Name}'; expected at least one record"
                : $"all {SkippedRows} data rows were bad; expected at least one readable record");
    }

    private static IExcelDataReader Reader(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is not DataFormatException and not OutOfMemoryException)
        {
            stream.Dispose();
            throw new DataFormatException(path, null, $"not a readable Excel workbook ({e.GetType().Name}: {e.Message}); expected an .xlsx export", inner: e);
        }
    }

    private static bool Read(string path, IExcelDataReader reader, string sheet, long row)
    {
        try { return reader.Read(); }
        catch (Exception e) when (e is not DataFormatException and not OutOfMemoryException)
        {
            throw new DataFormatException(path, null, $"sheet '{sheet}' row {row} is unreadable ({e.GetType().Name}: {e.Message}); expected a complete workbook", inner: e);
        }
    }

    private static bool IsBlank(IExcelDataReader reader)
    {
        for (int i = 0; i < reader.FieldCount; i++)
            if (reader.GetValue(i) is { } v && !(v is string s && string.IsNullOrWhiteSpace(s))) return false;
        return true;
    }

    private static string Cell(IExcelDataReader reader, int i) => reader.GetValue(i) switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => Elapsed_s(t).ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    /// <summary>
    /// A time-formatted cell back to the seconds it holds. ExcelDataReader turns the day count into a date and adds a
    /// day below 60 (Excel's 1900 leap-year bug), so counts in [0, 60) come back in [1, 61) and are shifted back; a count
    /// in [60, 61) is ambiguous and read a day low, which the time-stepping-back repair then reports. Millisecond resolution.
    /// </summary>
    private static double Elapsed_s(DateTime t)
    {
        double days = (t - ExcelEpoch).TotalDays;
        return (days < 61 ? days - 1 : days) * 86400;
    }

    private readonly struct CellFields(IExcelDataReader reader) : IRecordFields
    {
        public int Count => reader.FieldCount;

        public FieldValue Read(int ordinal, out double value)
        {
            value = double.NaN;
            switch (ordinal < reader.FieldCount ? reader.GetValue(ordinal) : null)
            {
                case null: return FieldValue.Empty;
                case double d: value = d; return double.IsFinite(d) ? FieldValue.Number : FieldValue.Bad;
                case int n: value = n; return FieldValue.Number;
                case DateTime t: value = Elapsed_s(t); return FieldValue.Clock;
                case TimeSpan span: value = span.TotalSeconds; return FieldValue.Clock;
                case string s when string.IsNullOrWhiteSpace(s): return FieldValue.Empty;
                case string s:
                    if (FieldParsers.TryNumber(s.Trim(), FieldParsers.DecimalPoint, out value)) return FieldValue.Number;
                    if (FieldParsers.TryDuration(s.Trim(), FieldParsers.DecimalPoint, out value)) return FieldValue.Clock;
                    return FieldValue.Bad;
                default: return FieldValue.Bad;
            }
        }

        public string Text(int ordinal) => ordinal < reader.FieldCount ? Cell(reader, ordinal) : "";
    }
}
