namespace DapCu.Twin.Physics.Parameters;

/// <summary>Named electrolyte sets. A scenario picks one per cell (<c>electrolyte: ether</c>) and may still
/// override single values by path.</summary>
public static class Electrolytes
{
    /// <summary>1 M LiTFSI in DOL/DME with LiNO3, the paper's electrolyte (Experimental section).</summary>
    public static ElectrolyteParameters Ether { get; } = new();

    /// <summary>1 M LiPF6 in EC/DEC-type carbonate: transport from Valoen &amp; Reimers (J. Electrochem. Soc.
    /// 152, A882, 2005; as in PyBaMM's Xu2019 set): D 3.2e-10 m2/s, kappa 1.19 S/m, t+ 0.38.</summary>
    public static ElectrolyteParameters Carbonate { get; } = new()
    {
        Conductivity_mS_cm = 11.9,
        SaltDiffusivity_cm2_s = 3.2e-6,
        CationTransferenceNumber = 0.38,
        ConductivityActivation_kJ_mol = 15.0,
        DiffusivityActivation_kJ_mol = 15.0,
        OxidationLimit_V = 5.5,
    };

    /// <summary>The set a name refers to, or null: "ether" / "dol-dme" / "litfsi", "carbonate" / "ec-dec" / "lipf6".</summary>
    public static ElectrolyteParameters? ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ether" or "dol-dme" or "dol/dme" or "litfsi" => Ether,
        "carbonate" or "ec-dec" or "ec/dec" or "lipf6" => Carbonate,
        _ => null,
    };

    public static IReadOnlyList<string> Names { get; } = ["ether", "carbonate"];
}
