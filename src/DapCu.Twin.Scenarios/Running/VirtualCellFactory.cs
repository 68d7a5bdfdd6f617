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
        var reference = CellReference.Resolve(designOrScenario);
        return (reference.Cell, reference.Seed);
    }
}
