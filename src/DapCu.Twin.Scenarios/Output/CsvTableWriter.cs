using System.Globalization;
using System.Text;

namespace DapCu.Twin.Scenarios.Output;

/// <summary>
/// Writes one RFC 4180 table: invariant culture, "\n" line ends, UTF-8 without BOM, doubles with ten
/// significant digits (far below any measurement's precision, and the same bytes on every run).
/// Non-finite numbers are written as empty fields. Our tables are fixed-schema rows of numbers; a
/// library writer (Sylvan.Data.Csv) would need a DbDataReader adapter per row type, which is more code
/// than this whole class.
/// </summary>
public sealed class CsvTableWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly int _columns;
    private int _field;

    public CsvTableWriter(string path, params string[] header)
        : this(new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16), header) { }

    public CsvTableWriter(TextWriter writer, params string[] header)
    {
        _writer = writer;
        _writer.NewLine = "\n";
        _columns = header.Length;
        foreach (var name in header) Text(name);
        EndRow();
    }

    public CsvTableWriter Number(double value)
    {
        Separator();
        if (double.IsFinite(value)) _writer.Write(value.ToString("G10", CultureInfo.InvariantCulture));
        return this;
    }

    public CsvTableWriter Number(double? value) => Number(value ?? double.NaN);

    public CsvTableWriter Integer(long value)
    {
        Separator();
        _writer.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CsvTableWriter Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value)) return this;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) { _writer.Write(value); return this; }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\""));
        _writer.Write('"');
        return this;
    }

    public void EndRow()
    {
        if (_field != _columns)
            throw new InvalidOperationException($"CSV row has {_field} fields, the header has {_columns}.");
        _writer.Write('\n');
        _field = 0;
    }

    private void Separator()
    {
        if (_field++ > 0) _writer.Write(',');
    }

    public void Dispose() => _writer.Dispose();
}
