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
        var r = CellReference.Resolve(spec, presetSeed);
        return new TwinCell(r.Cell.Label, r.Cell.Design, r.Cell.Parameters, r.Protocol, ScenarioRunner.CellSeed(r.Seed, r.Cell.Label), r.Source);
    }

    /// <summary>The same cell with other parameter values (a fit's trial point).</summary>
    public TwinCell With(ParameterSet parameters) => this with { Parameters = parameters };
}
