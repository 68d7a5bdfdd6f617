using System.Collections.Concurrent;

namespace DapCu.Twin.Grains.Execution;

/// <summary>Scenario files' text, read once per run: grains receive the text, not a path.</summary>
internal static class ScenarioText
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static string Read(string path) => Cache.GetOrAdd(Path.GetFullPath(path), File.ReadAllText);
}
