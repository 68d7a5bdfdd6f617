using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Scenarios;

/// <summary>Builds a live virtual cell (for an instrument channel or a replay) from a design preset name
/// (dap-half, pl-half, dap-lfp, dap-s, ...) or a scenario file, optionally naming one of its cells
/// (<c>scenario.yaml#PL</c>). The cell's seed comes from the scenario seed and its label.</summary>
public static class VirtualCellFactory
{
    public static VirtualCell Create(string designOrScenario) => Create(designOrScenario, channel: 0);

    public static VirtualCell Create(string designOrScenario, int channel)
    {
        var (cell, seed) = Resolve(designOrScenario);
        return new VirtualCell(cell.Design, cell.Parameters, ScenarioRunner.CellSeed(seed + channel, cell.Label));
    }

    public static (CellSpec Cell, int Seed) Resolve(string designOrScenario)
    {
        if (DesignPresets.TryGet(designOrScenario, out var preset))
            return (new CellSpec(designOrScenario, preset, Physics.Parameters.ParameterSets.Chen2024), 42);
        var hash = designOrScenario.LastIndexOf('#');
        var path = hash > 0 ? designOrScenario[..hash] : designOrScenario;
        var label = hash > 0 ? designOrScenario[(hash + 1)..] : null;
        if (!File.Exists(path))
            throw new ArgumentException($"--cell '{designOrScenario}': expected a design preset ({string.Join(", ", DesignPresets.All.Keys)}) or a scenario file");
        var scenario = ScenarioLoader.Load(path);
        var cell = label is null ? scenario.Cells[0]
            : scenario.Cells.FirstOrDefault(c => c.Label.Equals(label, StringComparison.OrdinalIgnoreCase))
              ?? throw new ArgumentException($"--cell '{designOrScenario}': {path} has no cell '{label}'; it has {string.Join(", ", scenario.Cells.Select(c => c.Label))}");
        return (cell, scenario.Seed);
    }
}
