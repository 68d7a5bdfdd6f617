using DapCu.Twin.Physics.Design;

namespace DapCu.Twin.Scenarios;

/// <summary>The paper's cell configurations by name (paper Experimental section).</summary>
public static class DesignPresets
{
    private const double LfpLoading_mg_cm2 = 6.4;   // paper: 6.4 mg/cm2 = 1 mAh/cm2
    private const double SulfurLoading_mg_cm2 = 1.0; // paper: 1 mg S/cm2 = 1.67 mAh/cm2
    private const double SymmetricPreplating_mAh_cm2 = 2.0; // paper: 2 mAh/cm2 at 1 mA/cm2

    public static IReadOnlyDictionary<string, CellDesign> All { get; } = new Dictionary<string, CellDesign>(StringComparer.OrdinalIgnoreCase)
    {
        ["dap-half"] = new() { Kind = CellKind.HalfCell, Substrate = LiSubstrate.DapCu },
        ["pl-half"] = new() { Kind = CellKind.HalfCell, Substrate = LiSubstrate.PlanarCu },
        ["dap-sym"] = new() { Kind = CellKind.Symmetric, Substrate = LiSubstrate.DapCu, PreplatedLi_mAh_cm2 = SymmetricPreplating_mAh_cm2 },
        ["pl-sym"] = new() { Kind = CellKind.Symmetric, Substrate = LiSubstrate.PlanarCu, PreplatedLi_mAh_cm2 = SymmetricPreplating_mAh_cm2 },
        ["foil-sym"] = new() { Kind = CellKind.Symmetric, Substrate = LiSubstrate.LiFoil },
        ["dap-lfp"] = new() { Kind = CellKind.LfpFull, Substrate = LiSubstrate.DapCu, NpRatio = 1.2, CathodeLoading_mg_cm2 = LfpLoading_mg_cm2 },
        ["pl-lfp"] = new() { Kind = CellKind.LfpFull, Substrate = LiSubstrate.PlanarCu, NpRatio = 1.2, CathodeLoading_mg_cm2 = LfpLoading_mg_cm2 },
        ["foil-lfp"] = new() { Kind = CellKind.LfpFull, Substrate = LiSubstrate.LiFoil, CathodeLoading_mg_cm2 = LfpLoading_mg_cm2 },
        ["dap-s"] = new() { Kind = CellKind.SulfurFull, Substrate = LiSubstrate.DapCu, NpRatio = 4.0, CathodeLoading_mg_cm2 = SulfurLoading_mg_cm2 },
        ["pl-s"] = new() { Kind = CellKind.SulfurFull, Substrate = LiSubstrate.PlanarCu, NpRatio = 4.0, CathodeLoading_mg_cm2 = SulfurLoading_mg_cm2 },
        ["foil-s"] = new() { Kind = CellKind.SulfurFull, Substrate = LiSubstrate.LiFoil, CathodeLoading_mg_cm2 = SulfurLoading_mg_cm2 },
        // Paper Fig. 5: 2 x 2 cm2 pouch, Li/DAP-Cu | LFP at N/P 1.2.
        ["dap-lfp-pouch"] = new() { Kind = CellKind.LfpFull, Substrate = LiSubstrate.DapCu, NpRatio = 1.2, CathodeLoading_mg_cm2 = LfpLoading_mg_cm2, Area_cm2 = 4.0 },
    };

    public static bool TryGet(string name, out CellDesign design) => All.TryGetValue(name, out design!);
}
