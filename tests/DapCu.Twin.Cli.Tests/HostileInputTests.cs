using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary>Hostile scenario folders, includes and planted links (issue 15): never a stack trace, never a write outside.</summary>
public class HostileInputTests
{
    private const string Body = "seed: 7\ncells:\n  - label: DAP\n    design: dap-half\nprotocol: |\n  Plate at 1 mA/cm2 for 1 h\n  Strip at 1 mA/cm2 until 1 V\n";

    [Fact]
    public void Bad_names_in_a_folder_are_reported_and_the_other_scenarios_run()
    {
        using var dir = new TempFolder();
        dir.Write("set/my run.yaml", Body);                                   // no name: derived from the file name
        dir.Write("set/dots.yaml", "name: ..\n" + Body);
        dir.Write("set/long.yaml", $"name: {new string('n', 300)}\n" + Body);
        dir.Write("set/good.yaml", "name: good\n" + Body);

        var r = CliProcess.Run(dir.Path, "run", "set", "--no-grains");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("dots.yaml:1:7: expected a name usable as a folder", r.Stderr);
        Assert.Contains("long.yaml:1:7: expected a name usable as a folder", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.True(File.Exists(dir["runs/my-run/summary.json"]), r.ToString());
        Assert.True(File.Exists(dir["runs/good/summary.json"]), r.ToString());
        Assert.Equal(["good", "my-run"], Directory.GetDirectories(dir["runs"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_refuses_what_exceeds_the_budget_and_warns_of_a_gigabyte_output()
    {
        using var dir = new TempFolder();
        dir.Write("fleet.yaml", "name: fleet\ncells:\n  - label: F\n    design: dap-lfp\nprotocol: |\n  Repeat 300 times:\n" +
                                "    Charge at 1C until 3.8 V\n    Discharge at 1C until 2.5 V\nfleet: { cells: 10000000 }\n");
        dir.Write("long.yaml", "name: long\ncells:\n  - label: DAP\n    design: dap-half\nprotocol: |\n  Repeat 100000 times:\n" +
                               "    Plate at 1 mA/cm2 for 1 h\n    Strip at 1 mA/cm2 until 1 V\n");

        var fleet = CliProcess.Run(dir.Path, "validate", "fleet.yaml");
        var lengthy = CliProcess.Run(dir.Path, "validate", "long.yaml");

        Assert.True(fleet.ExitCode == 2, fleet.ToString());
        Assert.Matches(@"fleet\.yaml:9:\d+: expected a run within the run time budget \(24 h\)", fleet.Stderr);
        Assert.Contains("lower fleet.cells", fleet.Stderr);
        Assert.Contains("--max-hours", fleet.Stderr);
        Assert.True(lengthy.ExitCode == 0, lengthy.ToString());
        Assert.Matches(@"warning: .*long\.yaml: this run will write about [\d.]+ (MB|GB) .*set output: \{ resolution_s: \d+ \}", lengthy.Stderr);
    }

    [Fact]
    public void Included_files_stay_inside_the_scenario_folder_unless_allowed_and_errors_do_not_echo_them()
    {
        using var dir = new TempFolder();
        dir.Write("elsewhere/p.yaml", "electrolyte.contact_resistance_ohm_cm2: 2\n");
        dir.Write("set/s.yaml", "name: s\nparameters: { file: ../elsewhere/p.yaml }\n" + Body);
        dir.Write("set/secret.yaml", "API_TOKEN: hunter2-very-secret\n");
        dir.Write("set/leak.yaml", "name: leak\nparameters: { file: secret.yaml }\n" + Body);

        var outside = CliProcess.Run(dir.Path, "validate", "set/s.yaml");
        var allowed = CliProcess.Run(dir.Path, "validate", "set/s.yaml", "--allow-root", "elsewhere");
        var leak = CliProcess.Run(dir.Path, "validate", "set/leak.yaml");

        Assert.True(outside.ExitCode == 2, outside.ToString());
        Assert.Contains("s.yaml:2:21: expected a parameter file inside the scenario's folder (or a folder given with --allow-root)", outside.Stderr);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(leak.ExitCode == 2, leak.ToString());
        Assert.Matches(@"secret\.yaml:1:\d+: expected ", leak.Stderr);
        Assert.DoesNotContain("hunter2", leak.Stderr + leak.Stdout);
        Assert.DoesNotContain("API_TOKEN", leak.Stderr + leak.Stdout);
    }

    [Fact]
    public void A_planted_partial_folder_link_is_not_followed_by_resume()
    {
        using var dir = new TempFolder();
        dir.Write("s.yaml", "name: s\n" + Body);
        Directory.CreateDirectory(dir["outside"]);
        Directory.CreateDirectory(dir["runs"]);
        Directory.CreateSymbolicLink(dir["runs/.s.partial"], dir["outside"]);

        var r = CliProcess.Run(dir.Path, "run", "s.yaml", "--resume", "--no-grains");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(dir["outside"]));
        Assert.True(File.Exists(dir["runs/s/summary.json"]));
        Assert.Null(new DirectoryInfo(dir["runs/s"]).LinkTarget);
    }

    [Fact]
    public void A_planted_marker_temp_link_does_not_overwrite_its_target()
    {
        using var dir = new TempFolder();
        dir.Write("s.yaml", "name: s\n" + Body);
        var victim = dir.Write("victim.txt", "precious\n");
        Directory.CreateDirectory(dir["runs"]);
        File.CreateSymbolicLink(dir["runs/s.INCOMPLETE.tmp"], victim);

        var r = CliProcess.Run(dir.Path, "run", "s.yaml", "--no-grains");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.True(File.Exists(dir["runs/s/summary.json"]));
    }

    [Fact]
    public void Json_runs_report_progress_on_stderr_with_time_left_and_keep_stdout_one_document()
    {
        using var dir = new TempFolder();
        dir.Write("sweep.yaml", "name: sweep\n" + Body + "sweep: { parameter: current_density_mA_cm2, values: [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4], metric: first_ce }\n");

        var r = CliProcess.Run(dir.Path, "run", "sweep.yaml", "--json", "--no-grains");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("complete", JsonNode.Parse(r.Stdout)!["scenarios"]![0]!["status"]!.GetValue<string>());
        var lines = r.Stderr.Split('\n').Where(l => l.StartsWith("progress: sweep: sweep ", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length >= 2, r.Stderr);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\d+\.\d %, \d+:\d\d elapsed, about \d+:\d\d left"));
    }
}
