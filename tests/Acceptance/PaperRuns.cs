using System.Collections.Concurrent;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Acceptance;

/// <summary>Each shipped paper scenario is run once per test process and shared by its rows' tests.</summary>
internal static class PaperRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<ScenarioResult>> Runs = new();

    public static IEnumerable<string> ScenarioFiles() =>
        Directory.GetFiles(RepoPaths.PaperScenarios, "*.yaml").OrderBy(f => f, StringComparer.Ordinal);

    public static ScenarioResult Run(string fileName) =>
        Runs.GetOrAdd(fileName, f => new Lazy<ScenarioResult>(() =>
            ScenarioRunner.Run(ScenarioLoader.Load(Path.Combine(RepoPaths.PaperScenarios, f))))).Value;
}
