namespace DapCu.Twin.Scenarios.Execution;

/// <summary>Reads the nominal value of an override key (see <see cref="OverrideKeys"/>) for one variant:
/// the centre of a fleet's spread.</summary>
public static class ScenarioValues
{
    public static double Get(Scenario scenario, string variant, string key) => OverrideKeys.Get(scenario, variant, key);
}
