using System.Text.RegularExpressions;

namespace DapCu.Twin.Cli.Tests;

/// <summary>
/// Bad scenario files: dapcu run exits 2, stderr names file:line:column and what was expected, and a good run of
/// the same name already on disk is left exactly as it was (same bytes, same timestamps, no marker, no partial).
/// </summary>
public class BadInputTests
{
    // Each bad file reuses the good scenario's name, so a careless run would overwrite runs/victim/.
    public static TheoryData<string, string, int, int, string> BadFiles => new()
    {
        {
            "malformed YAML (a key indented under a sequence item it does not belong to)",
            "name: victim\ncells:\n  - label: DAP\n    design: dap-half\n   protocol: [\n",
            5, 4, "expected well-formed YAML"
        },
        {
            "unknown cell key",
            "name: victim\nseed: 1\ncells:\n  - label: DAP\n    design: dap-half\n    colour: red\nprotocol: |\n  Plate at 1 mA/cm2 for 1 h\n",
            6, 5, "unknown key 'colour'"
        },
        {
            "negative N/P ratio",
            "name: victim\nseed: 1\ncells:\n  - label: F\n    design: dap-lfp\n    np_ratio: -1\nprotocol: |\n  Charge at 0.5 mA/cm2 until 3.8 V\n",
            6, 15, "expected np_ratio > 0, found '-1'"
        },
        {
            "protocol text with an unknown step",
            "name: victim\nseed: 1\ncells:\n  - label: DAP\n    design: dap-half\nprotocol: |\n  Plate at 1 mA/cm2 for 1 h\n  Jump over the moon\n",
            8, -1, "expected a step (Charge, Discharge, Plate, Strip, Rest, Hold) or 'Repeat', found 'Jump'"
        },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_scenario_exits_2_names_the_place_and_leaves_a_good_run_untouched(string what, string yaml, int line, int column, string expected)
    {
        using var dir = new TempFolder();
        var file = dir.Write("victim.yaml", TestScenarios.DapHalfCell("victim", cycles: 1));
        var good = CliProcess.Run(dir.Path, "run", "victim.yaml");
        Assert.True(good.ExitCode == 0, good.ToString());
        var before = FolderSnapshot.Of(dir["runs"]);

        File.WriteAllText(file, yaml);
        var r = CliProcess.Run(dir.Path, "run", "victim.yaml");

        Assert.True(r.ExitCode == 2, $"{what}: {r}");
        // Protocol-text errors give the line; the column is counted inside the block (see the report), so only
        // its presence is checked there.
        var place = column > 0 ? $"{Regex.Escape(file)}:{line}:{column}: " : $"{Regex.Escape(file)}:{line}:\\d+: ";
        Assert.Matches(place, r.Stderr);
        Assert.Contains(expected, r.Stderr);
        Assert.Equal(before, FolderSnapshot.Of(dir["runs"]));
        // Besides the good run, only its writer's lock (hidden, left by the good run) is there.
        Assert.Equal([".victim.lock", "victim"], Directory.GetFileSystemEntries(dir["runs"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_scenario_file_is_named_with_exit_2()
    {
        using var dir = new TempFolder();

        var r = CliProcess.Run(dir.Path, "run", "no-such.yaml");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("no-such.yaml: no such file or folder", r.Stderr);
        Assert.False(Directory.Exists(dir["runs"]), "nothing should be written for a missing file");
    }
}
