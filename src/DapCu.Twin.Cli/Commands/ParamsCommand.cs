using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Cli.Commands;

/// <summary>`dapcu params [scenario.yaml[#label]] [--filter text] [--json]`: every model parameter with its value,
/// unit and source, as the calibrated set has it or as a scenario's cell overrides it.</summary>
public static class ParamsCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var cell = new Argument<string?>("cell") { Description = "a scenario file (optionally #label) or design preset; default: the calibrated set", Arity = ArgumentArity.ZeroOrOne };
        var filter = new Option<string?>("--filter") { Description = "only paths containing this text (e.g. dap. or sand)" };
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var command = new Command("params", "List model parameters with value, unit and source") { cell, filter, json };
        command.SetAction(parse =>
        {
            ParameterSet set;
            try
            {
                set = parse.GetValue(cell) is { } c ? VirtualCellFactory.Resolve(c).Cell.Parameters : ParameterSets.Chen2024;
            }
            catch (Exception e) when (e is ArgumentException or ScenarioException or FileNotFoundException)
            {
                Console.Error.WriteLine($"dapcu params: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            var text = parse.GetValue(filter);
            var rows = set.Enumerate().Where(p => text is null || p.Path.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => new { path = r.Path, value = r.Value, unit = r.Meta.Unit, source = r.Meta.Source }),
                    Indented));
                return ExitCodes.Ok;
            }
            foreach (var r in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Path,-55} {r.Value,12:G6} {r.Meta.Unit,-22} {r.Meta.Source}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
