using System.CommandLine;
using System.Text.Json.Nodes;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Cli.Commands;

/// <summary><c>dapcu validate &lt;scenario | folder&gt;</c>: checks files without running them; every error names file, line and column.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("scenario") { Description = "A scenario file (.yaml) or a folder of them" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("validate", "Check scenario files (keys, units, ranges, sweeps, fleets) without running them") 
        {
            path, json, ScenarioFiles.AllowRoot, ScenarioFiles.MaxMemory, ScenarioFiles.MaxOutput, ScenarioFiles.MaxHours,
        };
        command.SetAction(parse =>
        {
            ScenarioFiles.UseAllowedRoots(parse);
            return Validate(parse.GetValue(path)!, new Terminal(parse.GetValue(json)), ScenarioFiles.Budget(parse));
        });
        return command;
    }

    private static int Validate(string path, Terminal terminal, Scenarios.Execution.ResourceBudget budget)
    {
        IReadOnlyList<string> files;
        try { files = ScenarioFiles.Expand(path); }
        catch (FileNotFoundException e)
        {
            terminal.Error(e.Message);
            return ExitCodes.InvalidInput;
        }
        var warnings = new List<string>();
        var (scenarios, errors) = ScenarioFiles.LoadAll(files, budget, warnings);
        foreach (var w in warnings) terminal.Warning(w);
        if (terminal.Json)
            Terminal.WriteJson(new JsonObject
            {
                ["valid"] = new JsonArray(scenarios.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["file"] = s.SourcePath }).ToArray()),
                ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e!).ToArray()),
            });
        foreach (var s in scenarios) terminal.Line($"[green]ok[/] {Spectre.Console.Markup.Escape(s.SourcePath)} ({Spectre.Console.Markup.Escape(s.Name)})");
        foreach (var e in errors) terminal.Error(e);
        return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
