using System.Text.Json;
using System.Text.Json.Nodes;
using DapCu.Twin.Scenarios.Metrics;

namespace DapCu.Twin.Cli.Tests;

/// <summary>--resume reuses a run or a sweep point only if everything that determines it is unchanged (issue 15).</summary>
public class ResumeFingerprintTests
{
    private static Dictionary<string, string> Statuses(CliResult r, string key = "status") =>
        JsonNode.Parse(r.Stdout)!["scenarios"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s![key]?.GetValue<string>() ?? "");

    [Fact]
    public void A_changed_parameter_file_reruns_and_says_so()
    {
        using var dir = new TempFolder();
        dir.Write("p.yaml", "electrolyte.contact_resistance_ohm_cm2: 1\n");
        dir.Write("s.yaml", TestScenarios.DapHalfCell("with-file", cycles: 2, extra: "parameters: { file: p.yaml }"));
        var first = CliProcess.Run(dir.Path, "run", "s.yaml", "--json", "--no-grains");
        Assert.True(first.ExitCode is 0 or 3, first.ToString());
        var again = CliProcess.Run(dir.Path, "run", "s.yaml", "--json", "--no-grains", "--resume");
        Assert.Equal("skipped", Statuses(again)["with-file"]);

        var before = File.ReadAllText(dir["runs/with-file/summary.json"]);
        dir.Write("p.yaml", "electrolyte.contact_resistance_ohm_cm2: 30\n");
        var changed = CliProcess.Run(dir.Path, "run", "s.yaml", "--json", "--no-grains", "--resume");

        Assert.Equal("complete", Statuses(changed)["with-file"]);
        Assert.Contains("parameter file p.yaml", Statuses(changed, "note")["with-file"]);
        Assert.NotEqual(before, File.ReadAllText(dir["runs/with-file/summary.json"]));
    }

    [Fact]
    public void Sweep_points_from_other_inputs_are_recomputed_not_mixed_in()
    {
        using var dir = new TempFolder();
        dir.Write("s.yaml", TestScenarios.DapHalfCell("sweep-stale", cycles: 1, firstCeBand: "[0, 1]",
            extra: "sweep: { parameter: current_density_mA_cm2, values: [0.5, 1.0, 2.0], metric: first_ce }"));
        var straight = CliProcess.Run(dir.Path, "run", "s.yaml", "--out", "straight", "--no-grains");
        Assert.True(straight.ExitCode == 0, straight.ToString());

        // Partial work left by an interrupted run of some other version of the file: a checkpointed point whose
        // figures are nothing this scenario computes.
        var stale = RunMetrics.All.Keys.ToDictionary(k => k, _ => 12345.0);
        dir.Write("runs/.sweep-stale.partial/sweep_points/point-00001.json", JsonSerializer.Serialize(new Dictionary<string, object> { ["DAP"] = stale }));
        dir.Write("runs/sweep-stale.INCOMPLETE", "interrupted\n");
        var resumed = CliProcess.Run(dir.Path, "run", "s.yaml", "--resume", "--no-grains", "--json");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("partial work discarded", Statuses(resumed, "note")["sweep-stale"]);
        Assert.DoesNotContain("12345", File.ReadAllText(dir["runs/sweep-stale/sweep.csv"]));
        Assert.Equal(File.ReadAllText(dir["straight/sweep-stale/sweep.csv"]), File.ReadAllText(dir["runs/sweep-stale/sweep.csv"]));
    }
}
