namespace DapCu.Twin.Scenarios.Execution;

/// <summary>A scenario's file text and how to rebuild it, for workers that receive the text rather than a path.</summary>
public static class ScenarioSource
{
    public static Scenario Load(string yaml, string sourcePath) => ScenarioLoader.Parse(yaml, sourcePath);

    public static string Text(Scenario scenario) => scenario.SourceText ?? File.ReadAllText(scenario.SourcePath);
}
