using System.Text.RegularExpressions;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Acceptance;

/// <summary>Every row of docs/paper-targets.md, checked by running the same scenario files users run.</summary>
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
        var rows = PaperTargetsTable.Rows();
        Assert.True(rows.Count >= 30, $"expected the paper's ~30 rows, read {rows.Count}");
        var ids = PaperRuns.ScenarioFiles().SelectMany(f => ScenarioLoader.Load(f).Targets.Select(t => t.Id)).ToList();
        var missing = rows.Where(r => !ids.Any(id => Regex.IsMatch(id, $"^{r}([a-z]|$)"))).ToList();
        Assert.True(missing.Count == 0, "rows without a target: " + string.Join(", ", missing));
    }

    /// <summary>Each scenario target checks its row exactly as docs/paper-targets.md says: a band or metric
    /// changed in a scenario file without changing the table (or the other way round) fails here.</summary>
    [Fact]
    public void Every_scenario_targets_metric_and_band_equal_its_row_in_the_table()
    {
        var table = PaperTargetsTable.Checks();
        var targets = PaperRuns.ScenarioFiles()
            .SelectMany(f => ScenarioLoader.Load(f).Targets.Select(t => (File: Path.GetFileName(f), Target: t)))
            .ToList();
        var problems = new List<string>();
        foreach (var (file, t) in targets)
        {
            var expected = $"| `{t.Id}` | `{PaperTargetsTable.Metric(t.Check.Metric)}` | `{PaperTargetsTable.Check(t.Check)}` | {file} |";
            if (!table.TryGetValue(t.Id, out var row)) problems.Add($"{file} {t.Id} has no line in the table; expected {expected}");
            else if (row.Metric != PaperTargetsTable.Metric(t.Check.Metric) || row.Check != PaperTargetsTable.Check(t.Check))
                problems.Add($"{file} {t.Id}: table says `{row.Metric}` `{row.Check}`; scenario: {expected}");
        }
        foreach (var id in table.Keys.Except(targets.Select(x => x.Target.Id)))
            problems.Add($"table line {id} has no scenario target");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(table.Count >= 40, $"expected ~47 checks in the table, read {table.Count}");
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
