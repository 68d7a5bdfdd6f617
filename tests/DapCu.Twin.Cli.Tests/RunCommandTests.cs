using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary>dapcu run on scenario files written here and on one shipped paper scenario.</summary>
public class RunCommandTests
{
    [Fact]
    public void Run_writes_tables_report_and_plots_for_every_cycle()
    {
        using var dir = new TempFolder();
        dir.Write("half.yaml", TestScenarios.DapHalfCell("tiny-half", cycles: 3));

        var r = CliProcess.Run(dir.Path, "run", "half.yaml");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("tiny-half: complete", r.Stdout);
        var run = dir["runs/tiny-half"];
        foreach (var file in new[] { "timeseries.csv", "cycles.csv", "summary.json", "report.md", "scenario.yaml" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing in {run}");
        Assert.NotEmpty(Directory.GetFiles(run, "*.png"));
        Assert.NotEmpty(Directory.GetFiles(run, "*.svg"));
        foreach (var png in Directory.GetFiles(run, "*.png"))
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        foreach (var svg in Directory.GetFiles(run, "*.svg"))
            Assert.Contains("<svg", File.ReadAllText(svg));

        // Three cycles asked for, three per-cycle rows, numbered 1..3.
        var cycles = File.ReadAllLines(Path.Combine(run, "cycles.csv")).Where(l => l.Length > 0).ToArray();
        Assert.Equal(3, cycles.Length - 1);
        var cycleColumn = Array.IndexOf(cycles[0].Split(','), "cycle");
        Assert.Equal(["1", "2", "3"], cycles.Skip(1).Select(l => l.Split(',')[cycleColumn]));

        // The copy is the file as run; the summary is JSON naming the scenario.
        Assert.Equal(File.ReadAllText(dir["half.yaml"]), File.ReadAllText(Path.Combine(run, "scenario.yaml")));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
        Assert.Contains("tiny-half", summary.ToJsonString());
        Assert.Contains("1 of 1", File.ReadAllText(Path.Combine(run, "report.md")));
        Assert.False(File.Exists(dir["runs/tiny-half.INCOMPLETE"]));
    }

    [Fact]
    public void Running_twice_gives_the_same_bytes_except_the_log()
    {
        using var dir = new TempFolder();
        dir.Write("half.yaml", TestScenarios.DapHalfCell("twice", cycles: 2));
        static bool NotLog(string f) => f != "run.log";

        var first = CliProcess.Run(dir.Path, "run", "half.yaml");
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = FolderSnapshot.Contents(dir["runs/twice"], NotLog);
        var second = CliProcess.Run(dir.Path, "run", "half.yaml");
        Assert.True(second.ExitCode == 0, second.ToString());
        var after = FolderSnapshot.Contents(dir["runs/twice"], NotLog);

        Assert.Contains(before.Keys, f => f.EndsWith(".csv"));
        Assert.Contains(before.Keys, f => f.EndsWith(".json"));
        Assert.Contains(before.Keys, f => f.EndsWith(".svg"));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Json_output_parses_and_reports_each_scenario()
    {
        using var dir = new TempFolder();
        dir.Write("half.yaml", TestScenarios.DapHalfCell("json-half", cycles: 1));

        var r = CliProcess.Run(dir.Path, "run", "half.yaml", "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        var doc = JsonNode.Parse(r.Stdout)!; // the whole of stdout is one JSON document
        var scenario = Assert.Single(doc["scenarios"]!.AsArray())!;
        Assert.Equal("json-half", scenario["name"]!.GetValue<string>());
        Assert.Equal("complete", scenario["status"]!.GetValue<string>());
        Assert.Equal(1, scenario["targets_passed"]!.GetValue<int>());
        Assert.Equal(0, scenario["targets_failed"]!.GetValue<int>());
    }

    [Fact]
    public void A_target_outside_its_band_exits_3_and_still_writes_the_run()
    {
        using var dir = new TempFolder();
        // DAP's first CE is ~93 % (paper and twin); a band of 99-100 % cannot hold.
        dir.Write("miss.yaml", TestScenarios.DapHalfCell("miss", cycles: 1, firstCeBand: "[0.99, 1.0]"));

        var r = CliProcess.Run(dir.Path, "run", "miss.yaml", "--json");

        Assert.True(r.ExitCode == 3, r.ToString());
        var scenario = JsonNode.Parse(r.Stdout)!["scenarios"]![0]!;
        Assert.Equal(0, scenario["targets_passed"]!.GetValue<int>());
        Assert.Equal(1, scenario["targets_failed"]!.GetValue<int>());
        Assert.Contains("0 of 1", File.ReadAllText(dir["runs/miss/report.md"]));
    }

    [Fact]
    public void Shipped_host_scenario_meets_all_six_paper_targets()
    {
        using var dir = new TempFolder();
        var host = Path.Combine(Repo.PaperScenarios, "host.yaml");

        var r = CliProcess.Run(dir.Path, "run", host);

        Assert.True(r.ExitCode == 0, r.ToString());
        var report = File.ReadAllText(dir["runs/host/report.md"]);
        Assert.Contains("6 of 6", report);
        foreach (var id in new[] { "H1", "H2a", "H2b", "H3a", "H3b", "H4" }) Assert.Contains($"| {id} |", report);
    }
}
