using DapCu.Twin.Data.Export;

namespace DapCu.Twin.Data.Tests;

/// <summary>Broken files give a DataFormatException naming the file, the line and what was expected.</summary>
public class BadFileTests
{
    private const string Header = "test_time_second,voltage_volt,current_ampere\n";

    private static DataFormatException ReadFails(string path, ReadOptions? options = null) =>
        Assert.Throws<DataFormatException>(() =>
        {
            using var reader = CyclerDataReader.Open(path, options);
            foreach (var _ in reader) { }
        });

    [Fact]
    public void Empty_file()
    {
        using var dir = new TempDir();
        var path = dir.Write("empty.csv", "");
        var e = ReadFails(path);
        Assert.Contains(path, e.Message);
        Assert.Contains("empty", e.Message);
        Assert.Contains("expected", e.Message);
    }

    [Fact]
    public void Header_without_records()
    {
        using var dir = new TempDir();
        var path = dir.Write("header-only.csv", Header);
        var e = ReadFails(path);
        Assert.Contains(path, e.Message);
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Truncated_last_line_is_dropped_and_reported()
    {
        using var dir = new TempDir();
        var path = dir.Write("truncated.csv", Header + "0,3.1,0.1\n1,3.2,0.1\n2,3.3");
        using var reader = CyclerDataReader.Open(path);
        Assert.Equal(2, reader.Count());
        var message = Assert.Single(reader.SkipMessages);
        Assert.Contains($"{path}, line 4", message);
        Assert.Contains("2 of 3 fields", message);
        var e = ReadFails(path, new ReadOptions { RejectRepairs = true });
        Assert.Contains("line 4", e.Message);
    }

    [Fact]
    public void Last_line_cut_inside_the_current_is_not_read_as_a_smaller_current()
    {
        // "0.12" cut to "0.1" still parses; the missing line end and the shorter field give it away.
        using var dir = new TempDir();
        var path = dir.Write("cut-current.csv", Header + "0,3.1,0.12\n1,3.2,0.12\n2,3.3,0.1");
        using var reader = CyclerDataReader.Open(path);
        Assert.Equal(new[] { 0.12, 0.12 }, reader.Select(r => r.Current_A));
        Assert.Contains("line 4", Assert.Single(reader.SkipMessages));
    }

    [Fact]
    public void Complete_last_line_without_line_end_is_kept()
    {
        using var dir = new TempDir();
        var path = dir.Write("no-eol.csv", Header + "0,3.1,0.12\n1,3.2,0.12\n2,3.3,0.11");
        using var reader = CyclerDataReader.Open(path);
        Assert.Equal(3, reader.Count());
        Assert.Empty(reader.SkipMessages);
    }

    [Fact]
    public void Wrong_delimiter()
    {
        using var dir = new TempDir();
        var path = dir.Write("semicolons.csv", "test_time_second;voltage_volt;current_ampere\n0;3,1;0,1\n");
        var e = ReadFails(path);
        Assert.Equal(1, e.Line);
        Assert.Contains(path, e.Message);
        Assert.Contains("semicolons", e.Message);
        Assert.Contains("expected commas", e.Message);
    }

    [Fact]
    public void Unknown_columns()
    {
        using var dir = new TempDir();
        var path = dir.Write("unknown.csv", "foo,bar,baz\n1,2,3\n");
        var e = ReadFails(path);
        Assert.Equal(1, e.Line);
        Assert.Contains(path, e.Message);
        Assert.Contains("'foo,bar,baz'", e.Message);
        Assert.Contains("expected a Battery Data Format header", e.Message);
    }

    [Fact]
    public void Forced_format_missing_a_required_column()
    {
        using var dir = new TempDir();
        var path = dir.Write("no-voltage.csv", "Data_Point,Test_Time,Step_Index,Cycle_Index,Current,Voltage\n0,0,1,1,0.1,3.0\n");
        var ok = CyclerDataReader.Open(path);
        Assert.Equal(CyclerFormat.Arbin, ok.Format);
        ok.Dispose();
        var bad = dir.Write("arbin-no-current.csv", "Data_Point,Test_Time(s),Step_Index,Cycle_Index,Current(kA),Voltage(V)\n0,0,1,1,0.1,3.0\n");
        var e = ReadFails(bad);
        Assert.Equal(1, e.Line);
        Assert.Contains("no current column", e.Message);
        Assert.Contains("'Current(A)'", e.Message);
    }

    [Fact]
    public void Time_stepping_back_is_repaired_with_a_warning_naming_the_lines()
    {
        // A step restarting its clock at 0 (real BDF files converted from Neware): continue from the previous time.
        using var dir = new TempDir();
        var path = dir.Write("backwards.csv", Header + "0,3.1,0.1\n10,3.2,0.1\n0,3.3,0.1\n5,3.4,0.1\n");
        using var reader = CyclerDataReader.Open(path);
        Assert.Equal(new[] { 0.0, 10, 10, 15 }, reader.Select(r => r.Time_s));
        var warning = Assert.Single(reader.Warnings);
        Assert.Contains("steps back from 10 s (line 3) to 0 s", warning);
        Assert.Contains("line 4", warning);
    }

    [Fact]
    public void Time_stepping_back_is_refused_when_strict()
    {
        using var dir = new TempDir();
        var path = dir.Write("backwards.csv", Header + "0,3.1,0.1\n10,3.2,0.1\n5,3.3,0.1\n20,3.4,0.1\n");
        var e = ReadFails(path, new ReadOptions { RejectRepairs = true });
        Assert.Equal(4, e.Line);
        Assert.Contains("steps back from 10 s (line 3) to 5 s", e.Message);
        Assert.Contains("expected non-decreasing test time", e.Message);
    }

    [Fact]
    public void Mixed_units_in_the_header()
    {
        using var dir = new TempDir();
        var path = dir.Write("mixed.csv", "Test Time / s,Voltage / V,Current / A,Current / mA\n0,3.1,0.1,100\n");
        var e = ReadFails(path);
        Assert.Equal(1, e.Line);
        Assert.Contains("mixed units", e.Message);
        Assert.Contains("'Current / A' and 'Current / mA'", e.Message);
    }

    [Fact]
    public void Mixed_units_inside_values()
    {
        using var dir = new TempDir();
        var path = dir.Write("unit-in-cell.csv", Header + "0,3.1,0.1\n1,3.2,200 mA\n");
        var e = ReadFails(path);
        Assert.Equal(3, e.Line);
        Assert.Equal("current_ampere", e.Column);
        Assert.Contains("expected a number (A), found '200 mA' (a unit inside the value: mixed units?)", e.Message);
    }

    [Fact]
    public void Label_with_unknown_unit()
    {
        using var dir = new TempDir();
        var path = dir.Write("furlongs.csv", "Test Time / fortnight,Voltage / V,Current / A\n0,3.1,0.1\n");
        var e = ReadFails(path);
        Assert.Equal(1, e.Line);
        Assert.Equal("Test Time / fortnight", e.Column);
        Assert.Contains("unit not understood", e.Message);
    }

    [Fact]
    public void Skip_bad_rows_reads_the_rest_and_counts()
    {
        using var dir = new TempDir();
        var path = dir.Write("few-bad.csv", Header + "0,3.1,0.1\n1,oops,0.1\n2,3.3,0.1\n2.5,3.3,x\n3,3.4,0.1\n4,3.5");
        using var reader = CyclerDataReader.Open(path, ReadOptions.Lenient);
        var rows = reader.ToList();
        Assert.Equal(new[] { 0.0, 2, 3 }, rows.Select(r => r.Time_s));
        Assert.Equal(3, reader.SkippedRows);
        Assert.Equal(3, reader.SkipMessages.Count);
        Assert.Contains("line 3", reader.SkipMessages[0]);
        Assert.Contains("line 5", reader.SkipMessages[1]);
        Assert.Contains("line 7", reader.SkipMessages[2]);
    }

    [Fact]
    public void BioLogic_binary_without_a_data_module_says_so()
    {
        using var dir = new TempDir();
        var path = dir.Write("run.mpr", "BIO-LOGIC MODULAR FILE\u001a                         ");
        var e = ReadFails(path);
        Assert.Contains("no 'VMP data' module", e.Message);
    }

    [Fact]
    public void Failed_conversion_leaves_an_existing_output_untouched()
    {
        using var dir = new TempDir();
        var good = dir.Write("good.csv", Header + "0,3.1,0.1\n1,3.2,0.1\n");
        var output = dir.File("out.bdf.csv");
        CyclerConverter.ToBdf(good, output);
        var before = File.ReadAllBytes(output);

        // Fails on line 3002, after the writer has already produced a lot of output.
        var bad = dir.Write("bad.csv", Header + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i},3.1,0.1\n")) + "3000,3.2,x\n");
        var e = Assert.Throws<DataFormatException>(() => CyclerConverter.ToBdf(bad, output));
        Assert.Equal(3002, e.Line);
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length); // good.csv, bad.csv, out.bdf.csv: no temp file left
    }
}
