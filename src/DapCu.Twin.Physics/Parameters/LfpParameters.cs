namespace DapCu.Twin.Physics.Parameters;

/// <summary>LiFePO4 cathode (paper Fig. 4a-c, Fig. 5). OCV after Prada 2013 as used by PyBaMM:
/// U(x) = U0 + k x + A exp(-a x) + B exp(-b (1 - x)), x = lithiation (0 = FePO4).</summary>
public sealed record LfpParameters
{
    [Param("mAh/g", "paper Experimental: 6.4 mg/cm2 LFP corresponds to 1 mAh/cm2")]
    public double RatedSpecificCapacity_mAh_g { get; init; } = 156.25;

    [Param("V", "Prada 2013 OCV constant (PyBaMM)")] public double OcvPlateau_V { get; init; } = 3.4077;
    [Param("V", "Prada 2013 OCV slope (PyBaMM)")] public double OcvSlope_V { get; init; } = -0.020269;
    [Param("V", "Prada 2013 delithiated-end term amplitude (PyBaMM)")] public double OcvLowEndAmplitude_V { get; init; } = 0.5;
    [Param("1", "Prada 2013 delithiated-end term rate (PyBaMM)")] public double OcvLowEndRate { get; init; } = 150.0;
    [Param("V", "Prada 2013 lithiated-end term amplitude (PyBaMM)")] public double OcvHighEndAmplitude_V { get; init; } = -0.9;
    [Param("1", "Prada 2013 lithiated-end term rate (PyBaMM)")] public double OcvHighEndRate { get; init; } = 30.0;

    [Param("1", "pre-delithiated FePO4 (paper Experimental: charged to 4.2 V in a Li-foil cell)")]
    public double InitialLithiation { get; init; } = 0.005;

    [Param("1 per C", "surface-bulk lithiation lag per C-rate on discharge (single-particle polynomial approximation); fitted to P1/F3 (~140 mAh/g at 1 C)")]
    public double SolidDiffusionLag_per_C { get; init; } = 0.085;

    [Param("1 per C", "the same lag on charge: delithiation of LFP is the easier direction (Srinivasan & Newman 2004 path dependence); assumed")]
    public double ChargeSolidDiffusionLag_per_C { get; init; } = 0.01;

    [Param("mA/cm2", "LFP charge-transfer exchange current per geometric area (assumed, typical composite electrode)")]
    public double ExchangeCurrentDensity_mA_cm2 { get; init; } = 2.0;

    [Param("ohm cm2", "cathode electronic/ionic resistance of an 8:1:1 LFP:C:PVDF coating (assumed)")]
    public double Resistance_ohm_cm2 { get; init; } = 15.0;

    [Param("1", "share of cathode capacity lost to particle contact loss during formation (saturating); fitted to P2 (139.6 -> 128.2 mAh/g over 50 cycles)")]
    public double FormationFadeTotal { get; init; } = 0.095;

    [Param("equivalent full cycles", "throughput constant of the saturating formation fade; fitted to P2 (stable after ~50 cycles)")]
    public double FormationFadeCycles { get; init; } = 15.0;
}
