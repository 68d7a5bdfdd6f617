using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests;

/// <summary>The paper's cell designs (Experimental section) built with the calibrated parameters.</summary>
internal static class TestCells
{
    public static ParameterSet P => ParameterSets.Chen2024;

    public static CellDesign HalfDap => new() { Kind = CellKind.HalfCell, Substrate = LiSubstrate.DapCu };
    public static CellDesign HalfPl => new() { Kind = CellKind.HalfCell, Substrate = LiSubstrate.PlanarCu };
    public static CellDesign SymmetricDap => new() { Kind = CellKind.Symmetric, Substrate = LiSubstrate.DapCu, PreplatedLi_mAh_cm2 = 2.0 };
    public static CellDesign SymmetricPl => new() { Kind = CellKind.Symmetric, Substrate = LiSubstrate.PlanarCu, PreplatedLi_mAh_cm2 = 2.0 };
    /// <summary>LFP 6.4 mg/cm2 = 1 mAh/cm2, N/P 1.2 (Fig. 4a-c).</summary>
    public static CellDesign LfpDap => new() { Kind = CellKind.LfpFull, Substrate = LiSubstrate.DapCu, NpRatio = 1.2, CathodeLoading_mg_cm2 = 6.4 };
    /// <summary>S@C 1 mg S/cm2 = 1.672 mAh/cm2, N/P 4 (Fig. 4d-f).</summary>
    public static CellDesign SulfurDap => new() { Kind = CellKind.SulfurFull, Substrate = LiSubstrate.DapCu, NpRatio = 4.0, CathodeLoading_mg_cm2 = 1.0 };

    public static IEnumerable<object[]> AllKinds() =>
    [
        ["half DAP"], ["half PL"], ["symmetric DAP"], ["symmetric PL"], ["LFP full"], ["S full"],
    ];

    public static CellDesign ByName(string name) => name switch
    {
        "half DAP" => HalfDap,
        "half PL" => HalfPl,
        "symmetric DAP" => SymmetricDap,
        "symmetric PL" => SymmetricPl,
        "LFP full" => LfpDap,
        "S full" => SulfurDap,
        _ => throw new ArgumentException(name),
    };

    public static CellModel Model(CellDesign d, ParameterSet? p = null) => new(d, p ?? P);
}
