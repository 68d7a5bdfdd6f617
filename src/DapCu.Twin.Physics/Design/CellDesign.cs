using DapCu.Twin.Physics.Electrodes;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Design;

/// <summary>What the Li metal sits on.</summary>
public enum LiSubstrate { PlanarCu, DapCu, LiFoil }

/// <summary>The cell configurations of the paper.</summary>
public enum CellKind
{
    /// <summary>Li|Cu half cell: PL-Cu or DAP-Cu working electrode (positive terminal) against Li foil.</summary>
    HalfCell,
    /// <summary>Two identical composite electrodes, each pre-plated with Li.</summary>
    Symmetric,
    /// <summary>Li anode against a pre-delithiated FePO4 cathode.</summary>
    LfpFull,
    /// <summary>Li anode against an S@C cathode.</summary>
    SulfurFull,
}

/// <summary>Pouch-cell bending state (paper Fig. 5g).</summary>
public enum BendingState { Flat, Bent, Folded }

/// <summary>A cell as built. Geometric quantities per cm2 of electrode.</summary>
public sealed record CellDesign
{
    public CellKind Kind { get; init; } = CellKind.HalfCell;
    /// <summary>Substrate of the Li metal electrode(s) under study (anode of full cells).</summary>
    public LiSubstrate Substrate { get; init; } = LiSubstrate.DapCu;
    /// <summary>12 mm discs (paper Experimental): 1.131 cm2. The pouch cell is 2 x 2 cm2.</summary>
    public double Area_cm2 { get; init; } = 1.131;
    /// <summary>Celgard 2400: 25 um.</summary>
    public double SeparatorThickness_um { get; init; } = 25.0;
    /// <summary>Li pre-plated onto each composite electrode (symmetric cells: 2 mAh/cm2, paper Experimental).</summary>
    public double PreplatedLi_mAh_cm2 { get; init; } = 0.0;
    /// <summary>Current density of the pre-plating (paper: 1 mA/cm2).</summary>
    public double PreplatingCurrent_mA_cm2 { get; init; } = 1.0;
    /// <summary>Anode Li capacity over cathode rated capacity for full cells (0 when not a full cell).</summary>
    public double NpRatio { get; init; } = 0.0;
    /// <summary>Cathode active mass: LFP 6.4 mg/cm2, S 1.0 mg/cm2 (paper).</summary>
    public double CathodeLoading_mg_cm2 { get; init; } = 0.0;
    /// <summary>Li in a Li-foil counter electrode or control anode: 250 um foil, ~51 mAh/cm2 (assumed, typical coin cell).</summary>
    public double LiFoilCapacity_mAh_cm2 { get; init; } = 51.5;
    /// <summary>Whether the DAP host may expand elastically beyond its static pore capacity.</summary>
    public bool HostExpansion { get; init; } = true;
    public BendingState Bending { get; init; } = BendingState.Flat;

    /// <summary>Cathode rated areal capacity (full cells), else 1 mAh/cm2, the unit used for C-rates of Li|Li cells.</summary>
    public double RatedCapacity_mAh_cm2(ParameterSet p) => Kind switch
    {
        CellKind.LfpFull => CathodeLoading_mg_cm2 * p.Lfp.RatedSpecificCapacity_mAh_g / 1000.0,
        CellKind.SulfurFull => CathodeLoading_mg_cm2 * p.Sulfur.TheoreticalSpecificCapacity_mAh_g / 1000.0,
        _ => 1.0,
    };

    public bool IsFullCell => Kind is CellKind.LfpFull or CellKind.SulfurFull;

    /// <summary>Li loaded on the anode of a full cell.</summary>
    public double AnodeLi_mAh_cm2(ParameterSet p) =>
        Substrate == LiSubstrate.LiFoil ? LiFoilCapacity_mAh_cm2 : NpRatio * RatedCapacity_mAh_cm2(p);

    /// <summary>Rejects physically impossible designs with the field name and what was expected.</summary>
    public void Validate(ParameterSet p)
    {
        Require(double.IsFinite(Area_cm2) && Area_cm2 > 0, "area_cm2", $"a positive electrode area, got {Area_cm2}");
        Require(double.IsFinite(SeparatorThickness_um) && SeparatorThickness_um > 0, "separator_thickness_um", $"a positive thickness, got {SeparatorThickness_um}");
        Require(double.IsFinite(PreplatedLi_mAh_cm2) && PreplatedLi_mAh_cm2 >= 0, "preplated_mAh_cm2", $"zero or a positive capacity, got {PreplatedLi_mAh_cm2}");
        Require(double.IsFinite(PreplatingCurrent_mA_cm2) && PreplatingCurrent_mA_cm2 > 0, "preplating_current_mA_cm2", $"a positive current density, got {PreplatingCurrent_mA_cm2}");
        Require(double.IsFinite(LiFoilCapacity_mAh_cm2) && LiFoilCapacity_mAh_cm2 > 0, "li_foil_capacity_mAh_cm2", $"a positive capacity, got {LiFoilCapacity_mAh_cm2}");
        if (Kind == CellKind.Symmetric)
            Require(PreplatedLi_mAh_cm2 > 0 || Substrate == LiSubstrate.LiFoil, "preplated_mAh_cm2", "Li pre-plated on both electrodes of a symmetric cell (paper: 2 mAh/cm2)");
        if (IsFullCell)
        {
            Require(CathodeLoading_mg_cm2 > 0 && double.IsFinite(CathodeLoading_mg_cm2), "cathode_loading_mg_cm2", $"a positive cathode loading, got {CathodeLoading_mg_cm2}");
            if (Substrate != LiSubstrate.LiFoil)
                Require(NpRatio > 0 && double.IsFinite(NpRatio), "np_ratio", $"a positive N/P ratio, got {NpRatio}");
        }
        if (Substrate == LiSubstrate.DapCu)
        {
            var host = new PorousHost(p.Host, HostExpansion);
            var load = IsFullCell ? AnodeLi_mAh_cm2(p) : PreplatedLi_mAh_cm2;
            Require(load <= host.MaxCapacity_mAh_cm2, IsFullCell ? "np_ratio" : "preplated_mAh_cm2",
                $"a Li loading the host can hold: at most {host.MaxCapacity_mAh_cm2:F2} mAh/cm2 " +
                (HostExpansion ? "with elastic expansion" : "with expansion disabled (static pore capacity)") + $", got {load:F2} mAh/cm2");
        }
    }

    private static void Require(bool ok, string field, string expected)
    {
        if (!ok) throw new CellDesignException(field, expected);
    }
}

/// <summary>A design that cannot be built; names the field and what was expected.</summary>
public sealed class CellDesignException(string field, string expected)
    : Exception($"cell design field '{field}': expected {expected}")
{
    public string Field { get; } = field;
    public string Expected { get; } = expected;
}
