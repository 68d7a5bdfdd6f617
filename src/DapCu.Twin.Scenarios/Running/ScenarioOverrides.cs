namespace DapCu.Twin.Scenarios;

/// <summary>Changes one value of a scenario for sweeps and fleets: a key of <see cref="OverrideKeys"/>
/// or any parameter path (e.g. dap.interface_resistance_ohm_cm2).</summary>
public static class ScenarioOverrides
{
    /// <summary>The named keys (parameter paths aside), for listings and messages.</summary>
    public static IReadOnlyList<string> DesignKeys { get; } = OverrideKeys.All.Select(k => k.Name).ToList();

    public static Scenario Apply(Scenario s, string key, double value) => OverrideKeys.Apply(s, key, value);
}
