using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;

namespace DapCu.Twin.Acceptance;

/// <summary>Every scenario the repository ships (paper and examples) loads and validates, sweeps and fleets included.</summary>
public sealed class ShippedScenarioTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "scenarios"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepoPaths.Root, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Shipped_scenario_is_valid(string relativePath)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepoPaths.Root, relativePath));
        ScenarioJob.Validate(scenario);
        Assert.NotEmpty(scenario.Cells);
    }
}
