namespace DapCu.Twin.Scenarios.Execution;

/// <summary>Loads a scenario from its text, for workers that receive the file rather than read it.</summary>
public static class ScenarioSource
{
    public static Scenario Load(string yaml, string sourcePath) => PendingLeadApi.LoadText(yaml, sourcePath);
}
