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

    /// <summary>A scenario key's value for the given cell; null without a cell (a key belongs to a design or a
    /// protocol, not to the calibrated set) or when its protocol has no step the key applies to.</summary>
    private static double? KeyValue(OverrideKey key, CellReference? reference)
    {
        if (reference is null) return null;
        try { return key.Get(reference.Cell, reference.Protocol ?? new Protocols.Model.Protocol([])); }
        catch (ArgumentException) { return null; }
    }

    public static Command Create()
    {
        var cell = new Argument<string?>("cell") { Description = "a scenario file (optionally #label) or design preset; default: the calibrated set", Arity = ArgumentArity.ZeroOrOne };
        var filter = new Option<string?>("--filter") { Description = "only paths containing this text (e.g. dap. or sand)" };
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var command = new Command("params", "List model parameters and the scenario keys sweeps and fleets can set, with value, unit and source") { cell, filter, json };
        command.SetAction(parse =>
        {
            ParameterSet set;
            CellReference? reference = null;
            try
            {
                reference = parse.GetValue(cell) is { } c ? CellReference.Resolve(c, option: null) : null;
                set = reference?.Cell.Parameters ?? ParameterSets.Chen2024;
            }
            catch (Exception e) when (e is ArgumentException or ScenarioException or FileNotFoundException)
            {
                Console.Error.WriteLine($"dapcu params: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            var text = parse.GetValue(filter);
            bool Wanted(string path) => text is null || path.Contains(text, StringComparison.OrdinalIgnoreCase);
            var rows = set.Enumerate().Where(p => Wanted(p.Path))
                .Select(r => (Path: r.Path, Value: (double?)r.Value, r.Meta.Unit, r.Meta.Source))
                .Concat(OverrideKeys.All.Where(k => Wanted(k.Name))
                    .Select(k => (Path: k.Name, Value: KeyValue(k, reference), k.Unit, Source: $"scenario key ({k.Target.ToString().ToLowerInvariant()}): {k.Meaning}")))
                .ToList();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => new { path = r.Path, value = r.Value, unit = r.Unit, source = r.Source }),
                    Indented));
                return ExitCodes.Ok;
            }
            foreach (var r in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Path,-55} {(r.Value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-"),12} {r.Unit,-22} {r.Source}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
