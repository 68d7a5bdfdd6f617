namespace DapCu.Twin.Physics.Parameters;

/// <summary>Electrolyte and separator transport, given at a reference temperature with Arrhenius
/// activation energies. The paper's cells use an ether electrolyte (LiTFSI in DOL/DME, Experimental
/// section) and a Celgard 2400 separator (pouch cell section); <see cref="Electrolytes"/> holds the sets.</summary>
public sealed record ElectrolyteParameters
{
    [Param("K", "cell temperature, an input; the paper reports none (room temperature)")]
    public double Temperature_K { get; init; } = 298.15;

    [Param("K", "temperature at which the transport and kinetic values below are given")]
    public double ReferenceTemperature_K { get; init; } = 298.15;

    [Param("mS/cm", "1 M LiTFSI in DOL/DME, ~10 mS/cm (typical ether value; unverified)")]
    public double Conductivity_mS_cm { get; init; } = 10.0;

    [Param("kJ/mol", "activation energy of ionic conductivity (assumed 12 kJ/mol, typical of liquid Li electrolytes; unverified)")]
    public double ConductivityActivation_kJ_mol { get; init; } = 12.0;

    [Param("mol/L", "1 M salt (the paper does not state it; standard)")]
    public double SaltConcentration_mol_L { get; init; } = 1.0;

    [Param("cm2/s", "salt diffusivity 3e-10 m2/s (Bai et al., Energy Environ. Sci. 9, 3221 (2016) Sand's-time example; Valoen & Reimers, J. Electrochem. Soc. 152, A882 (2005): 3.2e-10)")]
    public double SaltDiffusivity_cm2_s { get; init; } = 3.0e-6;

    [Param("kJ/mol", "activation energy of salt diffusion (assumed equal to that of conductivity: Stokes-Einstein; unverified)")]
    public double DiffusivityActivation_kJ_mol { get; init; } = 12.0;

    [Param("1", "Li+ transference number t+ of LiTFSI in DOL/DME (assumed 0.45, between carbonate 0.26-0.42 and the ether range; unverified)")]
    public double CationTransferenceNumber { get; init; } = 0.45;

    [Param("kJ/mol", "activation energy of the Li/electrolyte exchange current and SEI conduction (assumed ~0.35 eV = 34 kJ/mol; unverified)")]
    public double KineticsActivation_kJ_mol { get; init; } = 34.0;

    [Param("1", "Celgard 2400 datasheet porosity 41 %")]
    public double SeparatorPorosity { get; init; } = 0.41;

    [Param("1", "Bruggeman exponent: effective transport = porosity^b (tortuosity of a polymer separator, textbook)")]
    public double BruggemanExponent { get; init; } = 1.5;

    [Param("ohm cm2", "cell hardware and current-collector contact resistance; coin-cell typical, assumed")]
    public double ContactResistance_ohm_cm2 { get; init; } = 0.5;

    [Param("V", "potential at which the electrolyte oxidises on a cathode with nothing left to charge (DOL/DME ~4-5 V vs Li, textbook)")]
    public double OxidationLimit_V { get; init; } = 5.0;

    /// <summary>Arrhenius factor exp(-Ea/R (1/T - 1/T_ref)) at this set's temperature.</summary>
    public double Arrhenius(double activation_kJ_mol) =>
        Math.Exp(-activation_kJ_mol * 1000.0 / PhysicalConstants.Gas_J_molK * (1.0 / Temperature_K - 1.0 / ReferenceTemperature_K));
}
