namespace DapCu.Twin.Cli.Tests;

/// <summary>
/// Broken and mislabelled files give one line naming the file, the position and what was expected, and exit 2,
/// never a stack trace; binary instrument files are read natively; --strict refuses what would be repaired.
/// </summary>
public class DataFileErrorTests
{
    private static void OneLineError(CliResult r, string file, string expected)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(file, line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", r.Stderr + r.Stdout);
    }

    [Fact]
    public void Unclosed_quote_names_the_line()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "quote.csv");
        File.WriteAllText(file, "test_time_second,voltage_volt,current_ampere\n0,3.1,0.1\n1,\"3.2,0.1\n2,3.3,0.1\n");
        var r = CliProcess.Run(dir.Path, "inspect", file);
        OneLineError(r, file, "line 3");
    }

    [Fact]
    public void Binary_renamed_csv_is_named_as_binary()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "program.csv");
        File.WriteAllBytes(file, [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[200]]);
        var r = CliProcess.Run(dir.Path, "inspect", file);
        OneLineError(r, file, "binary content");
    }

    [Fact]
    public void Excel_workbook_renamed_csv_is_named_as_a_workbook()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "export.csv");
        using (var zip = System.IO.Compression.ZipFile.Open(file, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            w.Write("<workbook/>");
        }
        var r = CliProcess.Run(dir.Path, "inspect", file);
        OneLineError(r, file, "Excel workbook");
    }

    [Fact]
    public void Cut_archive_is_named()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "cut.ndax");
        var bytes = File.ReadAllBytes(Repo.TestData("neware-ZZZZZZZZTEST.ndax"));
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var r = CliProcess.Run(dir.Path, "inspect", file);
        OneLineError(r, file, "expected");
    }

    [Fact]
    public void Time_stepping_back_is_repaired_with_a_warning_or_refused_with_strict()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "restart.csv");
        File.WriteAllText(file, "test_time_second,voltage_volt,current_ampere\n0,3.1,0.1\n10,3.2,0.1\n0,3.3,0.1\n5,3.4,0.1\n");
        var r = CliProcess.Run(dir.Path, "inspect", file);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("time: 0 .. 15 s", r.Stdout);
        Assert.Contains("warning: " + file + ", line 4: test time steps back from 10 s (line 3) to 0 s", r.Stdout);
        OneLineError(CliProcess.Run(dir.Path, "inspect", file, "--strict"), file, "line 4");
    }

    [Theory]
    [InlineData("biologic-mb.mpr", "BioLogic EC-Lab binary (.mpr)", "impedance: ")]   // 1588 points in the VMP data module header
    [InlineData("neware-ZZZZZZZZTEST.ndax", "Neware binary (.ndax)", "cell: ZZZZZZZZTEST")] // TestInfo.xml Barcode
    [InlineData("neware-TestFile.nda", "Neware binary (.nda)", "records: 6670")]          // NewareNDA's reference has 6670 rows
    [InlineData("arbin-20160805_test001_45_cc_01.res", "Arbin database (.res)", "records: 10261")] // cellpy's golden: n_rows 10261
    [InlineData("arbin-LFP80_dry_08042022_wreset_wab25_Channel_25_Wb_1.xlsx", "Arbin Excel export (.xlsx)", "records: 4821")] // rows 2..4822 of Channel-25_1
    [InlineData("neware-sample_data_neware.xlsx", "Neware Excel export (.xlsx)", "records: 105")]
    public void Binary_files_are_inspected_natively(string name, string format, string fact)
    {
        using var dir = new TempFolder();
        var r = CliProcess.Run(dir.Path, "inspect", Repo.TestData(name));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"format: {format}", r.Stdout);
        Assert.Contains(fact, r.Stdout);
    }

    [Fact]
    public void Arbin_res_without_mdbtools_says_to_install_it()
    {
        using var dir = new TempFolder();
        var file = Repo.TestData("arbin-20160805_test001_45_cc_01.res");
        var r = CliProcess.Run(dir.Path, new Dictionary<string, string> { ["DAPCU_MDB_EXPORT"] = "/nonexistent/mdb-export" }, "inspect", file);
        OneLineError(r, file, "install mdbtools");
    }
}
