using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Data.Replay;

/// <summary>
/// The virtual cell measured data is set against: a design with its parameters, the protocol when a scenario
/// gives one, and the seed its randomness starts from (the scenario's, mixed with the label as in a run).
/// </summary>
public sealed record TwinCell(string Label, CellDesign Design, ParameterSet Parameters, Protocol? Protocol, ulong Seed, string Source)
{
    /// <summary>
    /// Resolves a --cell argument: a design preset name (dap-half, pl-lfp, ...), a scenario file (its first
    /// cell), or 'scenario.yaml#Label'. Errors name what was given and what is accepted.
    /// </summary>
    public static TwinCell Resolve(string spec, int presetSeed = 42)
    {
        if (string.IsNullOrWhiteSpace(spec))
            throw new ArgumentException($"--cell: expected a design preset ({Presets}) or a scenario file, got nothing");
        if (DesignPresets.TryGet(spec, out var design))
            return new TwinCell(spec, design, ParameterSets.Chen2024, null, ScenarioRunner.CellSeed(presetSeed, spec), $"design preset '{spec}'");

        var hash = spec.LastIndexOf('#');
        var path = hash > 0 ? spec[..hash] : spec;
        var label = hash > 0 ? spec[(hash + 1)..] : null;
        if (!File.Exists(path))
            throw new FileNotFoundException($"--cell: '{path}' is neither a design preset ({Presets}) nor an existing scenario file", path);
        var scenario = ScenarioLoader.Load(path);
        var cell = label is null ? scenario.Cells[0]
            : scenario.Cells.FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.OrdinalIgnoreCase))
              ?? throw new ArgumentException($"--cell: scenario {path} has no cell '{label}'; expected one of: {string.Join(", ", scenario.Cells.Select(c => c.Label))}");
        return new TwinCell(cell.Label, cell.Design, cell.Parameters, cell.Protocol ?? scenario.Protocol,
            ScenarioRunner.CellSeed(scenario.Seed, cell.Label), $"{path}#{cell.Label}");
    }

    /// <summary>The same cell with other parameter values (a fit's trial point).</summary>
    public TwinCell With(ParameterSet parameters) => this with { Parameters = parameters };

    private static string Presets => string.Join(", ", DesignPresets.All.Keys);
}
