using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>The paper's cells (Experimental section) and a short way to run a protocol text on one.</summary>
internal static class RunnerCells
{
    public static CellDesign HalfDap => new() { Kind = CellKind.HalfCell, Substrate = LiSubstrate.DapCu };
    public static CellDesign HalfPl => new() { Kind = CellKind.HalfCell, Substrate = LiSubstrate.PlanarCu };
    public static CellDesign SymmetricDap => new() { Kind = CellKind.Symmetric, Substrate = LiSubstrate.DapCu, PreplatedLi_mAh_cm2 = 2.0 };
    public static CellDesign SymmetricPl => new() { Kind = CellKind.Symmetric, Substrate = LiSubstrate.PlanarCu, PreplatedLi_mAh_cm2 = 2.0 };
    /// <summary>LFP 6.4 mg/cm2 x 156.25 mAh/g = 1 mAh/cm2, N/P 1.2.</summary>
    public static CellDesign LfpDap => new() { Kind = CellKind.LfpFull, Substrate = LiSubstrate.DapCu, NpRatio = 1.2, CathodeLoading_mg_cm2 = 6.4 };
    /// <summary>S 1 mg/cm2 x 1672 mAh/g = 1.672 mAh/cm2, N/P 4.</summary>
    public static CellDesign SulfurDap => new() { Kind = CellKind.SulfurFull, Substrate = LiSubstrate.DapCu, NpRatio = 4.0, CathodeLoading_mg_cm2 = 1.0 };

    public static CellModel Model(CellDesign d) => new(d, ParameterSets.Chen2024);

    public static ProtocolRunner Run(CellDesign design, string protocol, RunOptions? options = null, ulong seed = 1,
        CancellationToken cancellation = default, Action<int>? cycleCompleted = null)
    {
        var model = Model(design);
        return ProtocolRunner.Start(model, model.CreateInitialState(seed), ProtocolText.Parse(protocol),
            options ?? new RunOptions { OutputResolution_s = 0 }, cancellation, cycleCompleted);
    }

    public static RunResult Result(CellDesign design, string protocol, RunOptions? options = null, ulong seed = 1) =>
        Run(design, protocol, options, seed).Result;
}
