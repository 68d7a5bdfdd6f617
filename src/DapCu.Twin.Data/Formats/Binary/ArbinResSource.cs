using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Sylvan.Data.Csv;

namespace DapCu.Twin.Data.Formats.Binary;

/// <summary>
/// Arbin MITS Pro .res: an MS Access (Jet) database. Debian's mdbtools is the engine: mdb-export streams the
/// Channel_Normal_Table (Data_Point, Test_Time s, Step_Index, Cycle_Index, Current A, Voltage V, Charge_/Discharge_Capacity
/// Ah: the columns of the Arbin CSV export, bound by <see cref="ArbinFormat"/>) as CSV, which Sylvan reads as it comes,
/// so memory stays flat. Global_Table gives the test name and the active mass (MASS, g). mdb-export exits 0 even
/// when it meets a broken page and says so only on stderr: anything it writes there fails the read.
/// </summary>
internal sealed class ArbinResSource : RecordSource
{
    private const string DataTable = "Channel_Normal_Table";
    private readonly string _path;
    private readonly ReadOptions _options;
    private Process? _process;
    private RecordMapper? _mapper;

    public override CyclerFormat Format => CyclerFormat.ArbinRes;
    public override DataColumns BoundColumns => _mapper?.Bound ?? DataColumns.ChargeCapacity | DataColumns.DischargeCapacity;
    public override string Where(in CyclerRow row) => $"{DataTable} record {row.Line}";

    private ArbinResSource(string path, ReadOptions options, FileMetadata metadata)
    {
        _path = path;
        _options = options;
        Metadata = metadata;
    }

    public static ArbinResSource Open(string path, ReadOptions options)
    {
        var (name, mass_g) = GlobalTable(path, options);
        return new ArbinResSource(path, options, new FileMetadata(
            CellName: name ?? Path.GetFileNameWithoutExtension(path),
            ActiveMass_mg: mass_g is > 0 and < 1e6 ? mass_g * 1000 : null));
    }

    /// <summary>Test name and mass from the one-row Global_Table; also proves the database opens.</summary>
    private static (string? Name, double? Mass_g) GlobalTable(string path, ReadOptions options)
    {
        using var export = Export(path, options, "Global_Table", out var errors);
        string? name = null;
        double? mass = null;
        using (var csv = Csv(path, export.StandardOutput))
        {
            if (ReadRow(path, csv, 1))
            {
                int n = Ordinal(csv, "Test_Name"), m = Ordinal(csv, "MASS");
                if (n >= 0 && csv.GetString(n).Trim() is { Length: > 0 } s) name = s;
                if (m >= 0 && double.TryParse(csv.GetString(m), NumberStyles.Float, CultureInfo.InvariantCulture, out var g)) mass = g;
            }
        }
        Finish(path, export, errors, "Global_Table");
        if (name is null && mass is null && errors.Count == 0 && export.ExitCode == 0)
            throw new DataFormatException(path, null, "an MS Access database without an Arbin Global_Table row; expected an Arbin MITS .res file");
        return (name, mass);
    }

    public override IEnumerable<CyclerRow> Records()
    {
        _process = Export(_path, _options, DataTable, out var errors);
        using var csv = Csv(_path, _process.StandardOutput);
        if (csv.FieldCount == 0)
        {
            Finish(_path, _process, errors, DataTable); // mdb-export's own reason first ("table does not exist")
            throw new DataFormatException(_path, null, $"an MS Access database without {DataTable}; expected an Arbin MITS .res file");
        }
        var header = new string[csv.FieldCount];
        for (int i = 0; i < header.Length; i++) header[i] = csv.GetName(i).Trim();
        var columns = ColumnBinding.Bind(new ArbinFormat(), header, _path, null);
        _mapper = new RecordMapper(columns, signFromStepKind: false, t => Label(t));
        var fields = new CsvFields(csv);
        long record = 0;
        while (ReadRow(_path, csv, record + 1))
        {
            record++;
            var problem = _mapper.Map(fields, record, out var row);
            Columns = _mapper.Seen;
            if (problem is null) { yield return row; continue; }
            var message = new DataFormatException(_path, null, $"{DataTable} record {record}: {problem.Value.Text}", problem.Value.Column).Message;
            if (!_options.SkipBadRows) throw new DataFormatException(_path, null, $"{DataTable} record {record}: {problem.Value.Text}", problem.Value.Column);
            SkippedRows++;
            if (SkipMessages.Count < _options.MaxSkipMessages) SkipMessages.Add(message);
        }
        Finish(_path, _process, errors, DataTable);
        if (record == SkippedRows)
            throw new DataFormatException(_path, null, record == 0
                ? $"{DataTable} holds no records; expected at least one"
                : $"all {record} records of {DataTable} were bad; expected at least one readable record");
    }

    private static Process Export(string path, ReadOptions options, string table, out List<string> errors)
    {
        var start = new ProcessStartInfo(options.MdbExport)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.GetFullPath(path));
        start.ArgumentList.Add(table);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new DataFormatException(path, null,
                $"an Arbin .res (MS Access) file needs mdbtools, and '{options.MdbExport}' could not be run ({e.Message}); "
                + "install mdbtools (Debian/Ubuntu: apt-get install mdbtools), or export the test to CSV from MITS Pro", inner: e);
        }
        var lines = new List<string>();
        errors = lines;
        process.ErrorDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data)) return;
            lock (lines) if (lines.Count < 5) lines.Add(e.Data.Trim());
        };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>After the last row: mdb-export's exit code and stderr say whether it read the whole table.</summary>
    private static void Finish(string path, Process process, List<string> errors, string table)
    {
        process.WaitForExit();
        string[] said;
        lock (errors) said = [.. errors];
        if (process.ExitCode != 0 || said.Length > 0)
            throw new DataFormatException(path, null,
                $"mdb-export could not read {table} (exit {process.ExitCode}{(said.Length > 0 ? ": " + string.Join("; ", said) : "")}); "
                + "expected an intact Arbin .res database (an MS Access file with Arbin's Global_Table and Channel_Normal_Table)");
    }

    private static CsvDataReader Csv(string path, StreamReader output)
    {
        try
        {
            return CsvDataReader.Create(output, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16, MaxBufferSize = 1 << 22 });
        }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw new DataFormatException(path, null, $"mdb-export wrote no readable table header ({e.Message}); expected an Arbin .res database", inner: e);
        }
    }

    private static bool ReadRow(string path, CsvDataReader csv, long record)
    {
        try { return csv.Read(); }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw new DataFormatException(path, null, $"record {record} as mdb-export wrote it is unreadable ({e.Message}); expected comma-separated fields", inner: e);
        }
    }

    private static int Ordinal(CsvDataReader csv, string name)
    {
        for (int i = 0; i < csv.FieldCount; i++) if (csv.GetName(i) == name) return i;
        return -1;
    }

    private readonly struct CsvFields(CsvDataReader csv) : IRecordFields
    {
        public int Count => csv.RowFieldCount;

        public FieldValue Read(int ordinal, out double value)
        {
            value = double.NaN;
            if (ordinal >= csv.RowFieldCount) return FieldValue.Empty;
            var text = csv.GetFieldSpan(ordinal);
            if (text.IsWhiteSpace()) return FieldValue.Empty;
            return FieldParsers.TryNumber(text, FieldParsers.DecimalPoint, out value) ? FieldValue.Number : FieldValue.Bad;
        }

        public string Text(int ordinal) => ordinal < csv.RowFieldCount ? csv.GetString(ordinal) : "";
    }

    public override void Dispose()
    {
        if (_process is { } p)
        {
            try { if (!p.HasExited) p.Kill(); } catch (InvalidOperationException) { }
            p.Dispose();
        }
        base.Dispose();
    }
}
