namespace DapCu.Twin.Scenarios.Execution;

/// <summary>A parameter set on top of a scenario, by the keys of <see cref="ScenarioOverrides"/>.</summary>
public sealed record ParameterOverride(string Key, double Value);

/// <summary>
/// One cell to run: a variant of a scenario, with overrides on top (a sweep point, a fleet member) and
/// the seed of its own random stream. Everything a remote worker needs to rebuild the cell.
/// </summary>
public sealed record CellJob(Scenario Scenario, string Variant, IReadOnlyList<ParameterOverride> Overrides, int Seed)
{
    public static CellJob Nominal(Scenario scenario, string variant) => new(scenario, variant, [], scenario.Seed);

    /// <summary>The protocol this cell runs: its own where it has one, else the scenario's.</summary>
    public static Protocols.Model.Protocol ProtocolOf(Scenario scenario, CellSpec cell) => cell.Protocol ?? scenario.Protocol;

    /// <summary>The scenario with the overrides applied, and the variant's cell in it.</summary>
    public (Scenario Scenario, CellSpec Cell) Resolve()
    {
        var scenario = Overrides.Aggregate(Scenario, (s, o) => ScenarioOverrides.Apply(s, o.Key, o.Value));
        var cell = scenario.Cells.FirstOrDefault(c => c.Label == Variant)
                   ?? throw new ArgumentException($"{Scenario.SourcePath}: no variant '{Variant}'; the scenario has " +
                                                  string.Join(", ", scenario.Cells.Select(c => c.Label)));
        return (scenario, cell);
    }
}
