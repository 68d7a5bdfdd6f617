using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Cli;

/// <summary>Finds scenario files: a file, every *.yaml/*.yml under a folder, or the shipped scenarios.</summary>
public static class ScenarioFiles
{
    public const string ShippedFolder = "scenarios";

    /// <summary>Scenario files named by a path, sorted so runs and listings are in a stable order.</summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        if (File.Exists(path)) return [Path.GetFullPath(path)];
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Select(Path.GetFullPath)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return files.Length > 0 ? files : throw new FileNotFoundException($"{path}: no scenario files (*.yaml) in this folder");
        }
        throw new FileNotFoundException($"{path}: no such file or folder");
    }

    /// <summary>The shipped scenarios folder: ./scenarios, or the first one above the working directory or
    /// the dapcu binary (so it is found from the repo and from a build output folder alike).</summary>
    public static string? FindShipped()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ShippedFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Loads every file; collects all errors instead of stopping at the first.</summary>
    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<string> Errors) LoadAll(IEnumerable<string> files)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var scenario = ScenarioLoader.Load(file);
                Scenarios.Execution.ScenarioJob.Validate(scenario);
                scenarios.Add(scenario);
            }
            catch (ScenarioException e) { errors.Add(e.Message); }
        }
        var clash = scenarios.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            errors.Add($"{clash.Last().SourcePath}: scenario name '{clash.Key}' is also used by {clash.First().SourcePath}; " +
                       "runs/<name>/ must be unique: rename one");
        return (scenarios, errors);
    }
}
