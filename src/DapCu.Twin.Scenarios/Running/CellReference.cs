using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Scenarios;

/// <summary>
/// A <c>--cell</c> argument resolved: a design preset name (dap-half, pl-lfp, ...), a scenario file (its first
/// cell), or <c>scenario.yaml#Label</c>. The seed is the scenario's (a preset gets <paramref name="Seed"/> as
/// given); the protocol is the cell's or the scenario's, null for a preset.
/// </summary>
public sealed record CellReference(CellSpec Cell, int Seed, Protocol? Protocol, string Source)
{
    /// <summary>Errors name what was given and what is accepted: FileNotFoundException for a name that is
    /// neither a preset nor a file, ArgumentException for an unknown label. <paramref name="option"/> is the
    /// option the value came with, named in errors; null for a positional argument (the value is named alone).</summary>
    public static CellReference Resolve(string spec, int presetSeed = 42, string? option = "--cell")
    {
        var given = option is null ? $"'{spec}'" : $"{option} '{spec}'";
        if (string.IsNullOrWhiteSpace(spec))
            throw new ArgumentException($"{option ?? "cell"}: expected a design preset ({Presets}) or a scenario file, got nothing");
        if (DesignPresets.TryGet(spec, out var design))
            return new CellReference(new CellSpec(spec, design, Physics.Parameters.ParameterSets.Chen2024), presetSeed, null, $"design preset '{spec}'");

        var hash = spec.LastIndexOf('#');
        var path = hash > 0 ? spec[..hash] : spec;
        var label = hash > 0 ? spec[(hash + 1)..] : null;
        if (!File.Exists(path))
            throw new FileNotFoundException((option is null && path == spec ? "" : given + ": ") + $"'{path}' is neither a design preset ({Presets}) nor an existing scenario file", path);
        var scenario = ScenarioLoader.Load(path);
        var cell = label is null ? scenario.Cells[0]
            : scenario.Cells.FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.OrdinalIgnoreCase))
              ?? throw new ArgumentException($"{given}: scenario {path} has no cell '{label}'; expected one of: {string.Join(", ", scenario.Cells.Select(c => c.Label))}");
        return new CellReference(cell, scenario.Seed, cell.Protocol ?? scenario.Protocol, $"{path}#{cell.Label}");
    }

    private static string Presets => string.Join(", ", DesignPresets.All.Keys);
}
