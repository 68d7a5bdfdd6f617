using System.CommandLine;
using System.Text.Json.Nodes;
using DapCu.Twin.Scenarios;
using Spectre.Console;

namespace DapCu.Twin.Cli.Commands;

/// <summary><c>dapcu list</c>: the shipped scenarios (scenarios/ of the repo) with what they run and check.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var folder = new Option<string?>("--folder") { Description = "Scenario folder to list instead of the shipped scenarios/" };
        var json = new Option<bool>("--json") { Description = "Print the list as JSON" };
        var command = new Command("list", "List the shipped scenarios: name, variants, paper targets, sweep/fleet") { folder, json };
        command.SetAction(parse => List(parse.GetValue(folder), new Terminal(parse.GetValue(json))));
        return command;
    }

    private static int List(string? folder, Terminal terminal)
    {
        folder ??= ScenarioFiles.FindShipped();
        if (folder is null)
        {
            terminal.Error($"no '{ScenarioFiles.ShippedFolder}' folder here or above; name one with --folder");
            return ExitCodes.InvalidInput;
        }
        IReadOnlyList<string> files;
        try { files = ScenarioFiles.Expand(folder); }
        catch (FileNotFoundException e)
        {
            terminal.Error(e.Message);
            return ExitCodes.InvalidInput;
        }
        var (scenarios, errors) = ScenarioFiles.LoadAll(files);
        string Kind(Scenario s) => string.Join("+", new[] { "run", s.SweepNode is null ? null : "sweep", s.FleetNode is null ? null : "fleet" }.OfType<string>());
        string Relative(Scenario s) => Path.GetRelativePath(folder, s.SourcePath);

        if (terminal.Json)
            Terminal.WriteJson(new JsonObject
            {
                ["folder"] = Path.GetFullPath(folder),
                ["scenarios"] = new JsonArray(scenarios.Select(s => (JsonNode)new JsonObject
                {
                    ["name"] = s.Name,
                    ["file"] = Relative(s),
                    ["description"] = s.Description,
                    ["variants"] = new JsonArray(s.Cells.Select(c => (JsonNode)c.Label!).ToArray()),
                    ["targets"] = new JsonArray(s.Targets.Select(t => (JsonNode)t.Id!).ToArray()),
                    ["kind"] = Kind(s),
                }).ToArray()),
                ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e!).ToArray()),
            });
        else if (terminal.Interactive)
        {
            var table = new Table().AddColumns("scenario", "file", "variants", "targets", "kind", "description");
            foreach (var s in scenarios)
                table.AddRow(Markup.Escape(s.Name), Markup.Escape(Relative(s)), Markup.Escape(string.Join(", ", s.Cells.Select(c => c.Label))),
                    Markup.Escape(string.Join(" ", s.Targets.Select(t => t.Id))), Kind(s), Markup.Escape(s.Description?.Split('\n')[0] ?? ""));
            AnsiConsole.Write(table);
        }
        else
            foreach (var line in Aligned(["scenario", "file", "variants", "targets", "kind"],
                         scenarios.Select(s => new[] { s.Name, Relative(s), string.Join(",", s.Cells.Select(c => c.Label)),
                             s.Targets.Count == 0 ? "-" : string.Join(",", s.Targets.Select(t => t.Id)), Kind(s) })))
                Console.WriteLine(line);
        foreach (var e in errors) terminal.Error(e);
        return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    /// <summary>A header and rows padded to each column's widest cell, two spaces apart (the last column unpadded).</summary>
    internal static IEnumerable<string> Aligned(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        return all.Select(r => string.Join("  ", r.Select((cell, i) => i == r.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }
}
