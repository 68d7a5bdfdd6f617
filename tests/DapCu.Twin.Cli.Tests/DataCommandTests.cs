using System.Globalization;
using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary>
/// dapcu inspect and convert on real instrument files in tests/data (written by other people's cyclers, cut as
/// its README says). Expected figures are read off the files without our importer: `awk 'END{print NR}' f` gives
/// the lines (header + rows), `awk -F, 'NR>1{print $2}' neware-uio.csv | sort -u` gives its cycle indices 1..2,
/// and `tail -1` the BDF file's last time. The tests also recount lines and cycles from the text themselves.
/// </summary>
public class DataCommandTests
{
    private const string Bdf = "bdf-li-graphite-r2032.bdf.csv";     // awk NR: 2522 -> 2521 records
    private const string Arbin = "arbin-tc-contact-ch33.csv";        // awk NR: 288  -> 287 records
    private const string Neware = "neware-uio.csv";                  // awk NR: 5819 -> 5818 records, cycles 1..2

    [Theory]
    [InlineData(Bdf, "Battery Data Format CSV", 2521)]
    [InlineData(Arbin, "Arbin CSV", 287)]
    [InlineData(Neware, "Neware CSV", 5818)]
    public void Inspect_prints_format_and_record_count(string name, string format, int records)
    {
        using var dir = new TempFolder();
        var file = Repo.TestData(name);
        Assert.Equal(records, TestScenarios.DataRows(file));

        var r = CliProcess.Run(dir.Path, "inspect", file);

        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Stdout.Split('\n');
        Assert.Contains($"format: {format}", lines);
        Assert.Contains($"records: {records} (skipped 0)", lines);
    }

    [Fact]
    public void Inspect_reports_the_bdf_files_time_span()
    {
        using var dir = new TempFolder();
        var file = Repo.TestData(Bdf);
        var rows = File.ReadLines(file).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToList();

        var r = CliProcess.Run(dir.Path, "inspect", file);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"time: {Number(rows[0])} .. {Number(rows[^1])} s", r.Stdout); // 0.02 .. 262657.764
    }

    [Fact]
    public void Inspect_json_parses_with_records_and_cycles()
    {
        using var dir = new TempFolder();
        var file = Repo.TestData(Neware);
        var header = File.ReadLines(file).First().Split(',');
        var cycleColumn = Array.IndexOf(header, "Cycle Index");
        var cycles = File.ReadLines(file).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[cycleColumn]).Distinct().Count();
        Assert.Equal(2, cycles);

        var r = CliProcess.Run(dir.Path, "inspect", file, "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        var doc = JsonNode.Parse(r.Stdout)!;
        Assert.Equal("Neware", doc["format"]!.GetValue<string>());
        Assert.Equal(5818, doc["rows"]!.GetValue<int>());
        Assert.Equal(cycles, doc["cycleCount"]!.GetValue<int>());
        Assert.Equal(cycles, doc["cycles"]!.AsArray().Count);
    }

    [Fact]
    public void Inspect_of_a_missing_file_says_so()
    {
        using var dir = new TempFolder();

        var r = CliProcess.Run(dir.Path, "inspect", "no-such.csv");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("no-such.csv: file not found", r.Stderr);
    }

    [Fact]
    public void Convert_to_bdf_keeps_every_record_and_a_bad_input_leaves_the_output_alone()
    {
        using var dir = new TempFolder();
        var source = Repo.TestData(Arbin);
        var output = dir["arbin.bdf.csv"];

        var r = CliProcess.Run(dir.Path, "convert", source, "--to", "bdf", "-o", output);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(287, TestScenarios.DataRows(output));
        var bdf = File.ReadAllLines(output);
        Assert.StartsWith("test_time_second,voltage_volt,current_ampere", bdf[0]);
        // First record: Test_Time 0.0, Current 6.600444793701172 A, Voltage 3.298668384552002 V in the Arbin file.
        var first = File.ReadLines(source).Skip(1).First().Split(',');
        Assert.StartsWith($"0,{first[7]},{first[6]},", bdf[1]);
        // The converted file reads back as BDF with the same record count.
        var back = CliProcess.Run(dir.Path, "inspect", output);
        Assert.Contains("format: Battery Data Format CSV", back.Stdout);
        Assert.Contains("records: 287 (skipped 0)", back.Stdout);

        // Same output path, an input that breaks at record 200: exit 2, the line named, the old output intact.
        var before = FolderSnapshot.Of(dir.Path, f => f == "arbin.bdf.csv");
        var lines = File.ReadAllLines(source);
        var fields = lines[200].Split(',');
        fields[7] = "abc"; // Voltage column
        lines[200] = string.Join(',', fields);
        var broken = dir.Write("broken-arbin.csv", string.Join('\n', lines) + "\n");
        var bad = CliProcess.Run(dir.Path, "convert", broken, "--to", "bdf", "-o", output);

        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("line 201", bad.Stderr);
        Assert.Contains("Voltage", bad.Stderr);
        Assert.Equal(before, FolderSnapshot.Of(dir.Path, f => f == "arbin.bdf.csv"));
        Assert.Equal(["arbin.bdf.csv", "broken-arbin.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Convert_of_the_landt_file_matches_the_format_authors_bdf_conversion()
    {
        using var dir = new TempFolder();
        var output = dir["landt.bdf.csv"];

        var r = CliProcess.Run(dir.Path, "convert", Repo.TestData("landt-li-graphite-r2032.csv"), "--to", "bdf", "-o", output);

        Assert.True(r.ExitCode == 0, r.ToString());
        // tests/data's BDF file is the battery-data-format authors' conversion of this Landt export: same
        // records, and time, voltage and current equal row by row.
        var ours = Columns(output);
        var theirs = Columns(Repo.TestData(Bdf));
        Assert.Equal(2521, theirs.Count); // both files cut alike (tests/data/README.md)
        Assert.Equal(theirs.Count, ours.Count);
        for (var i = 0; i < theirs.Count; i++)
            for (var c = 0; c < 3; c++)
                Assert.True(Math.Abs(ours[i][c] - theirs[i][c]) <= 1e-9, $"record {i + 1}, column {c}: {ours[i][c]} vs {theirs[i][c]}");
    }

    /// <summary>test_time_second, voltage_volt, current_ampere of each record, found by header name.</summary>
    private static List<double[]> Columns(string bdf)
    {
        var lines = File.ReadLines(bdf).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        var index = new[] { "test_time_second", "voltage_volt", "current_ampere" }.Select(n => Array.IndexOf(header, n)).ToArray();
        Assert.DoesNotContain(-1, index);
        return lines.Skip(1).Select(l => { var f = l.Split(','); return index.Select(i => double.Parse(f[i], CultureInfo.InvariantCulture)).ToArray(); }).ToList();
    }

    private static string Number(string text) => double.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
