using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary>A cell that can no longer cycle: its end reason reaches the console, summary.json, events.csv
/// and report.md, and no cycle after it is written. The console closes with totals.</summary>
public class EndReasonOutputTests
{
    // PL-Cu | LFP at N/P 1.2 (paper Fig. S12 configuration): its Li is gone within a few cycles.
    private const string Scenario = """
        name: pl-lfp-dies
        seed: 42
        output: { resolution_s: 600 }
        cells:
          - { label: PL, design: pl-lfp, np_ratio: 1.2 }
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
        protocol: |
          Repeat 200 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        """;

    [Fact]
    public void A_dead_cell_ends_with_its_reason_everywhere_a_person_or_a_program_looks()
    {
        using var dir = new TempFolder();
        dir.Write("dies.yaml", Scenario);

        var r = CliProcess.Run(dir.Path, "run", "dies.yaml", "--no-grains");

        Assert.True(r.ExitCode == 0, r.ToString());
        var run = dir["runs/pl-lfp-dies"];
        var cycles = File.ReadAllLines(Path.Combine(run, "cycles.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var pl = cycles.Where(c => c[0] == "PL").ToList();
        var lastPl = int.Parse(pl[^1][1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lastPl, 2, 199);
        Assert.Equal(200, cycles.Count(c => c[0] == "DAP"));
        // The last PL cycle moved nothing and has no CE (empty field); none after it is written.
        Assert.Equal("", pl[^1][7]);
        Assert.Equal(Enumerable.Range(1, lastPl).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), pl.Select(c => c[1]));

        Assert.Contains($"PL ended in cycle {lastPl}: li_exhausted", r.Stdout);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!["variants"]!.AsArray();
        var plSummary = summary.Single(v => v!["label"]!.GetValue<string>() == "PL")!;
        Assert.Equal("li_exhausted", plSummary["end_reason"]!.GetValue<string>());
        Assert.Equal(lastPl, plSummary["last_cycle"]!.GetValue<int>());
        Assert.Equal(0.0, plSummary["metrics"]!["retention"]!.GetValue<double>());
        Assert.Equal("protocol_complete", summary.Single(v => v!["label"]!.GetValue<string>() == "DAP")!["end_reason"]!.GetValue<string>());

        var events = File.ReadAllLines(Path.Combine(run, "events.csv"));
        Assert.Contains(events, l => l.StartsWith("PL,", StringComparison.Ordinal) && l.Contains($",{lastPl},RunEnded,", StringComparison.Ordinal)
                                     && l.Contains("li_exhausted:", StringComparison.Ordinal));
        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("## Runs that ended early", report);
        Assert.Contains($"**PL** ended in cycle {lastPl}: `li_exhausted:", report);
        // Cycle 1 discharges before it charges, so its CE exceeds 100 %; the report says why.
        Assert.Contains("## Coulombic efficiency above 100 %", report);
        Assert.Contains("discharges first", report);

        // Totals close the console output: scenarios, targets, wall time, where the outputs are.
        Assert.Matches(@"1 scenario \(1 complete\), no targets, [0-9.]+ s, outputs in .*runs", r.Stdout.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void Totals_count_targets_in_band_over_all_scenarios()
    {
        using var dir = new TempFolder();
        dir.Write("set/a.yaml", TestScenarios.DapHalfCell("total-a", cycles: 1));
        dir.Write("set/b.yaml", TestScenarios.DapHalfCell("total-b", cycles: 1, firstCeBand: "[0.99, 1.0]"));

        var r = CliProcess.Run(dir.Path, "run", "set", "--no-grains", "--out", "elsewhere");

        Assert.True(r.ExitCode == 3, r.ToString()); // one target missed its band
        Assert.Contains("2 scenarios (2 complete), 1/2 targets in band", r.Stdout);
        Assert.Contains("outputs in " + dir["elsewhere"], r.Stdout);
        // --out names the folder that receives <name>/ directly, as --help says.
        Assert.True(File.Exists(dir["elsewhere/total-a/summary.json"]));
        var help = CliProcess.Run(dir.Path, "run", "--help");
        Assert.Contains("each scenario writes <out>/<name>/", help.Stdout);
    }
}
