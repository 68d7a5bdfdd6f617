using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Acceptance;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData("half-cells-1mA.yaml")]
    [InlineData("lis-cycling.yaml")]
    public void Same_scenario_and_seed_give_identical_results(string file)
    {
        var path = Path.Combine(RepoPaths.PaperScenarios, file);
        var a = ScenarioRunner.Run(ScenarioLoader.Load(path));
        var b = ScenarioRunner.Run(ScenarioLoader.Load(path));
        for (var i = 0; i < a.Variants.Count; i++)
        {
            Assert.Equal(a.Variants[i].Result.Cycles, b.Variants[i].Result.Cycles);
            Assert.Equal(a.Variants[i].Result.TimeSeries, b.Variants[i].Result.TimeSeries);
            Assert.Equal(a.Variants[i].Result.Events, b.Variants[i].Result.Events);
        }
    }

    [Fact]
    public void A_different_seed_changes_the_stochastic_dead_li_reconnection()
    {
        var path = Path.Combine(RepoPaths.PaperScenarios, "half-cells-1mA.yaml");
        var s = ScenarioLoader.Load(path);
        var pl = s.Cells.Single(c => c.Label == "PL");
        var a = ScenarioRunner.RunCell(pl, s.Protocol, 1, 0);
        var b = ScenarioRunner.RunCell(pl, s.Protocol, 2, 0);
        Assert.NotEqual(a.Cycles.Select(c => c.CoulombicEfficiency), b.Cycles.Select(c => c.CoulombicEfficiency));
    }
}
