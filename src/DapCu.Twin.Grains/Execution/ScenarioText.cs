namespace DapCu.Twin.Grains.Execution;

/// <summary>Grains receive a scenario's text, not its path, so a cell can be rebuilt on any silo.</summary>
internal static class ScenarioText
{
    public static string Read(string path) => File.ReadAllText(path);
}
