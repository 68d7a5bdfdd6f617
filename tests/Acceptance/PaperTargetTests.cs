using System.Text.RegularExpressions;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Acceptance;

/// <summary>Every row of shared/paper/targets.md, checked by running the same scenario files users run.</summary>
public sealed class PaperTargetTests
{
    public static TheoryData<string, string> Targets()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in PaperRuns.ScenarioFiles())
            foreach (var t in ScenarioLoader.Load(file).Targets)
                data.Add(Path.GetFileName(file), t.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_lands_in_its_band(string scenarioFile, string targetId)
    {
        var outcome = PaperRuns.Run(scenarioFile).Targets.Single(t => t.Id == targetId);
        Assert.True(outcome.Passed, $"{targetId} ({outcome.Description}): band {outcome.Band}, paper {outcome.PaperFigure}; twin: {outcome.Detail}");
    }

    /// <summary>The rows are read from the paper's targets file, written independently of the scenarios.</summary>
    [Fact]
    public void Every_row_of_targets_md_has_a_shipped_scenario_target()
    {
        var shared = RepoPaths.Shared;
        Assert.True(shared is not null, "shared/ (with paper/targets.md) not found beside the repository; set DAPCU_SHARED");
        var rows = Regex.Matches(File.ReadAllText(Path.Combine(shared!, "paper", "targets.md")), @"^\|\s*([A-Z]\d+)\s*\|", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.True(rows.Count >= 30, $"expected the paper's ~30 rows, read {rows.Count}");
        var ids = PaperRuns.ScenarioFiles().SelectMany(f => ScenarioLoader.Load(f).Targets.Select(t => t.Id)).ToList();
        var missing = rows.Where(r => !ids.Any(id => Regex.IsMatch(id, $"^{r}([a-z]|$)"))).ToList();
        Assert.True(missing.Count == 0, "rows without a target: " + string.Join(", ", missing));
    }

    [Fact]
    public void Dap_outperforms_pl_wherever_both_are_run()
    {
        // The paper's ordering: higher CE, lower overpotential, later (or no) short on DAP than on PL.
        var half = PaperRuns.Run("half-cells-1mA.yaml");
        double Mean(string label, Func<Physics.Results.CycleRecord, double> f) =>
            half.Variants.Single(v => v.Cell.Label == label).Result.Cycles.Skip(1).Average(f);
        Assert.True(Mean("DAP", c => c.CoulombicEfficiency) > Mean("PL", c => c.CoulombicEfficiency));

        var sym = PaperRuns.Run("symmetric-1mA.yaml");
        double Eta(string label) => sym.Variants.Single(v => v.Cell.Label == label).Result.Cycles.Take(100).Average(c => c.MeanOverpotential_mV);
        Assert.True(Eta("DAP") < Eta("PL"));
    }
}
