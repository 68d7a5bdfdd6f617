namespace DapCu.Twin.Scenarios.Execution;

/// <summary>Reads the nominal value of an override key (the centre of a fleet's spread).</summary>
public static class ScenarioValues
{
    public static double Get(Scenario scenario, string key) => PendingLeadApi.Get(scenario, key);
}
