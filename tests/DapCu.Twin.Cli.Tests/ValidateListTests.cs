using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DapCu.Twin.Cli.Tests;

public class ValidateListTests
{
    [Fact]
    public void Validate_accepts_a_good_file_and_writes_nothing()
    {
        using var dir = new TempFolder();
        var file = dir.Write("good.yaml", TestScenarios.DapHalfCell("good"));

        var r = CliProcess.Run(dir.Path, "validate", "good.yaml");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"ok {file} (good)", r.Stdout);
        Assert.Equal(["good.yaml"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Validate_reports_every_bad_file_of_a_folder_with_its_place()
    {
        using var dir = new TempFolder();
        dir.Write("set/a-good.yaml", TestScenarios.DapHalfCell("a-good"));
        var bad = dir.Write("set/b-bad.yaml", TestScenarios.DapHalfCell("b-bad").Replace("metric: first_ce", "metric: first_cee"));
        var bad2 = dir.Write("set/c-bad.yaml", TestScenarios.DapHalfCell("c-bad").Replace("seed: 7", "seed: seven"));

        var r = CliProcess.Run(dir.Path, "validate", "set", "--json");

        Assert.True(r.ExitCode == 2, r.ToString());
        var doc = JsonNode.Parse(r.Stdout)!;
        Assert.Equal(["a-good"], doc["valid"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        var errors = doc["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray();
        Assert.Equal(2, errors.Length);
        // Each error points at the line that is wrong, counted here in the file as written.
        Assert.Matches($"^{Regex.Escape(bad)}:{LineOf(bad, "first_cee")}:\\d+: expected a known metric", errors[0]);
        Assert.Matches($"^{Regex.Escape(bad2)}:{LineOf(bad2, "seed: seven")}:\\d+: expected .*found 'seven'", errors[1]);
        Assert.Contains(bad, r.Stderr);
        Assert.Contains(bad2, r.Stderr);
    }

    private static int LineOf(string file, string text) => Array.FindIndex(File.ReadAllLines(file), l => l.Contains(text)) + 1;

    [Fact]
    public void List_shows_every_shipped_scenario()
    {
        using var dir = new TempFolder();
        // The names of every file under scenarios/ (paper and examples), read off the files themselves (their 'name:' line).
        var shipped = Directory.GetFiles(Path.GetDirectoryName(Repo.PaperScenarios)!, "*.yaml", SearchOption.AllDirectories)
            .Select(f => File.ReadLines(f).First(l => l.StartsWith("name:"))["name:".Length..].Trim())
            .Order(StringComparer.Ordinal).ToArray();
        Assert.True(shipped.Length >= 10, $"expected the paper's scenarios in {Repo.PaperScenarios}");

        // From an unrelated working directory: dapcu finds scenarios/ above its own binary.
        var r = CliProcess.Run(dir.Path, "list", "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        var listed = JsonNode.Parse(r.Stdout)!["scenarios"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(shipped, listed);
        var plain = CliProcess.Run(dir.Path, "list");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        // A header, then one row per scenario with every column starting where its header does.
        var lines = plain.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^scenario +file +variants +targets +kind$", lines[0]);
        var columns = new[] { "file", "variants", "targets", "kind" }.Select(h => lines[0].IndexOf(h, StringComparison.Ordinal)).ToArray();
        var host = lines.Single(l => l.StartsWith("host ", StringComparison.Ordinal));
        Assert.Equal(["paper/host.yaml", "DAP-1,DAP-fill,DAP-4,DAP-8,DAP-8-stripped", "H1,H2a,H2b,H3a,H3b,H4", "run"],
            columns.Select((c, i) => host[c..(i + 1 < columns.Length ? columns[i + 1] : host.Length)].Trim()));
        Assert.Equal(shipped.Length + 1, lines.Length);
    }
}
