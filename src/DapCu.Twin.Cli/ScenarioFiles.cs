using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;

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

    /// <summary>Where a key first appears in a file (1-based line and column), for pointing a budget refusal at it.</summary>
    private static (int Line, int Column) LineOf(string text, string key)
    {
        var (section, word) = key switch
        {
            "output.resolution_s" => ("", "resolution_s"),
            "fleet.cells" => ("fleet:", "cells:"),
            "sweep values" => ("sweep:", "sweep:"),
            _ => ("", "Repeat"),
        };
        var lines = text.Split('\n');
        var from = section.Length == 0 ? 0 : Math.Max(0, Array.FindIndex(lines, l => l.Contains(section, StringComparison.Ordinal)));
        for (int i = from; i < lines.Length; i++)
            if (lines[i].IndexOf(word, StringComparison.Ordinal) is var c and >= 0) return (i + 1, c + 1);
        return (1, 1);
    }

    public static readonly System.CommandLine.Option<double> MaxMemory = new("--max-memory-gb")
    { Description = "Refuse scenarios estimated to need more memory than this (GB)", DefaultValueFactory = _ => new ResourceBudget().Memory_GB };
    public static readonly System.CommandLine.Option<double> MaxOutput = new("--max-output-gb")
    { Description = "Refuse scenarios estimated to write more than this (GB)", DefaultValueFactory = _ => new ResourceBudget().Output_GB };
    public static readonly System.CommandLine.Option<double> MaxHours = new("--max-hours")
    { Description = "Refuse scenarios estimated to take longer than this on this machine (hours)", DefaultValueFactory = _ => new ResourceBudget().Hours };

    public static ResourceBudget Budget(System.CommandLine.ParseResult parse) =>
        new(parse.GetValue(MaxMemory), parse.GetValue(MaxOutput), parse.GetValue(MaxHours));

    /// <summary>--allow-root: folders besides each scenario's own from which it may include parameter files.</summary>
    public static readonly System.CommandLine.Option<string[]> AllowRoot = new("--allow-root")
    {
        Description = "A folder scenarios may include parameter files from (parameters: { file: ... }), besides their own folder; repeatable",
        AllowMultipleArgumentsPerToken = false,
    };

    public static void UseAllowedRoots(System.CommandLine.ParseResult parse) =>
        Scenarios.Loading.InputLimits.AllowedRoots = (parse.GetValue(AllowRoot) ?? []).Select(Path.GetFullPath).ToArray();

    /// <summary>Loads every file; collects all errors instead of stopping at the first.</summary>
    public static (IReadOnlyList<Scenario> Scenarios, IReadOnlyList<string> Errors) LoadAll(IEnumerable<string> files,
        ResourceBudget? budget = null, List<string>? warnings = null)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var scenario = ScenarioLoader.Load(file);
                var (sweep, fleet) = Scenarios.Execution.ScenarioJob.Validate(scenario);
                var estimate = ResourceEstimate.Of(scenario, sweep, fleet, Environment.ProcessorCount);
                if (estimate.Refusal(budget ?? new ResourceBudget()) is { } refusal)
                {
                    var (line, column) = LineOf(scenario.SourceText ?? "", estimate.Refused(budget ?? new ResourceBudget()));
                    throw new ScenarioException(file, line, column, refusal);
                }
                if (estimate.OutputWarning(scenario) is { } warning) warnings?.Add(warning);
                scenarios.Add(scenario);
            }
            catch (ScenarioException e) { errors.Add(e.Message); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{file}: cannot be read ({e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)})");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or NullReferenceException)
            {
                // A reader bug must still name the file and leave the other files to run, not end in a stack trace.
                errors.Add($"{file}: could not be read as a scenario ({e.Message}); please report this file as a bug");
            }
        }
        // A name used twice would make two runs share runs/<name>/: the first file keeps it, the others are errors.
        foreach (var clash in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1).ToArray())
            foreach (var later in clash.Skip(1))
            {
                errors.Add($"{later.SourcePath}: scenario name '{clash.Key}' is also used by {clash.First().SourcePath}; " +
                           "runs/<name>/ must be unique: rename one");
                scenarios.Remove(later);
            }
        return (scenarios, errors);
    }
}
