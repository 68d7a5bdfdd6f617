namespace DapCu.Twin.Physics.Parameters;

/// <summary>Electrolyte and separator transport. The paper's cells use an ether electrolyte
/// (LiTFSI in DOL/DME, Experimental section) and a Celgard 2400 separator (pouch cell section).</summary>
public sealed record ElectrolyteParameters
{
    [Param("K", "room temperature; the paper reports no temperature")]
    public double Temperature_K { get; init; } = 298.15;

    [Param("mS/cm", "1 M LiTFSI in DOL/DME, typical literature value ~10 mS/cm")]
    public double Conductivity_mS_cm { get; init; } = 10.0;

    [Param("mol/L", "standard 1 M salt concentration (assumed; paper does not state it)")]
    public double SaltConcentration_mol_L { get; init; } = 1.0;

    [Param("cm2/s", "3e-10 m2/s, Sand's-time worked example (Bai et al. 2016, Energy Environ. Sci. 9, 3221; docs/references/model-anchors.md)")]
    public double SaltDiffusivity_cm2_s { get; init; } = 3.0e-6;

    [Param("1", "anion transference number t_a = 1 - t+ = 0.62 (Bai et al. 2016, Energy Environ. Sci. 9, 3221; docs/references/model-anchors.md)")]
    public double AnionTransferenceNumber { get; init; } = 0.62;

    [Param("1", "Celgard 2400 datasheet porosity 41 %")]
    public double SeparatorPorosity { get; init; } = 0.41;

    [Param("1", "Bruggeman exponent for tortuosity of a polymer separator (textbook)")]
    public double BruggemanExponent { get; init; } = 1.5;

    [Param("ohm cm2", "cell hardware and current-collector contact resistance; coin-cell typical, assumed")]
    public double ContactResistance_ohm_cm2 { get; init; } = 0.5;

    [Param("V", "potential at which the ether electrolyte oxidises on a cathode with nothing left to charge (DOL/DME ~4-5 V vs Li, textbook)")]
    public double OxidationLimit_V { get; init; } = 5.0;
}
