namespace DapCu.Twin.Physics.Parameters;

/// <summary>The DAP-Cu nanowire host (paper Fig. 1-2).</summary>
public sealed record HostParameters
{
    [Param("um", "paper Fig. 1c: DAP-Cu film ~100 um thick")]
    public double Thickness_um { get; init; } = 100.0;

    [Param("cm3/g", "paper Fig. 1h: mercury intrusion pore volume of DAP-Cu-100")]
    public double PoreVolume_cm3_g { get; init; } = 0.208;

    [Param("mg/cm2", "areal mass of the host; not reported, fitted to H1 (static capacity ~5.8 mAh/cm2)")]
    public double ArealMass_mg_cm2 { get; init; } = 13.5;

    [Param("1", "largest elastic thickness strain of the nanowire network before Li overflows; fitted to H3 (8 mAh/cm2 held)")]
    public double ElasticStrainLimit { get; init; } = 0.3;

    [Param("1", "thickness strain the nanowire network takes without permanent deformation; assumed 0.12, above the 0.105 of the paper's 8 mAh/cm2 (Fig. 2c: returns to original thickness, row H4)")]
    public double YieldStrain { get; init; } = 0.12;

    [Param("1", "share of the strain beyond yield that stays after stripping (wire junctions slide and do not slide back); assumed")]
    public double PlasticStrainFraction { get; init; } = 0.5;
}
