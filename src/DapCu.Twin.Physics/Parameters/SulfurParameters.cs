namespace DapCu.Twin.Physics.Parameters;

/// <summary>S@C cathode with two plateaus (Marinescu 2016 zero-dimensional model, reduced) and the
/// Mikhaylik-Akridge polysulfide shuttle (JES 151, A1969, 2004).</summary>
public sealed record SulfurParameters
{
    [Param("mAh/g", "theoretical S capacity; paper: 1 mg S/cm2 = 1.67 mAh/cm2")]
    public double TheoreticalSpecificCapacity_mAh_g { get; init; } = 1672.0;

    [Param("1", "upper plateau share S8 -> Li2S4: 419 of 1672 mAh/g (Mikhaylik-Akridge q_H)")]
    public double UpperPlateauShare { get; init; } = 0.25;

    [Param("V", "upper plateau potential E_H ~2.35 V (Marinescu 2016)")]
    public double UpperPlateau_V { get; init; } = 2.35;

    [Param("V", "lower plateau potential E_L ~2.1 V (paper Fig. 4d; Marinescu 2016: 2.195 V standard)")]
    public double LowerPlateau_V { get; init; } = 2.10;

    [Param("V", "Nernst-like slope of each plateau with its conversion, ~RT/F scale (Marinescu 2016)")]
    public double PlateauSlope_V { get; init; } = 0.03;

    [Param("mA/cm2", "sulfur redox exchange current per geometric area (Marinescu 2016: 5-10 A/m2 per m2 active)")]
    public double ExchangeCurrentDensity_mA_cm2 { get; init; } = 1.0;

    [Param("ohm cm2", "S@C electrode resistance before Li2S precipitates (assumed)")]
    public double Resistance_ohm_cm2 { get; init; } = 4.0;

    [Param("1", "conversion beyond which insulating Li2S passivates the carbon (onset of the precipitation limit)")]
    public double PassivationOnset { get; init; } = 0.45;

    [Param("1", "growth rate of Li2S passivation resistance with conversion; fitted to Li-foil 1 C capacity vs L4 (5 C)")]
    public double PassivationGrowth { get; init; } = 30.0;

    [Param("ohm cm2", "Li2S passivation resistance at its onset conversion; fitted to Li-foil 1 C capacity (~980 mAh/g)")]
    public double PassivationResistance_ohm_cm2 { get; init; } = 8.0;

    [Param("1/h", "shuttle constant k_s on charge (Mikhaylik-Akridge); fitted to L6 and charge/discharge ratio")]
    public double ShuttleConstant_per_h { get; init; } = 0.25;

    [Param("kJ/mol", "activation energy of the shuttle constant: ~0.56 eV (Mikhaylik & Akridge, J. Electrochem. Soc. 151, A1969 (2004)), k_s ~2.8x larger at 40 C than at 25 C")]
    public double ShuttleActivation_kJ_mol { get; init; } = 54.0;



    [Param("1", "share of the anode's Li that stays accessible under polysulfide passivation in a discharge; fitted to L2 (852 mAh/g at N/P 2)")]
    public double AnodeAccessibleShare { get; init; } = 0.314;

    [Param("V", "steep rise at the end of charge as polysulfides are converted back to S8 (Marinescu 2016 upper-plateau Nernst term)")]
    public double ChargeEndRise_V { get; init; } = 0.6;

    [Param("1", "conversion width of the end-of-charge rise")]
    public double ChargeEndWidth { get; init; } = 0.01;

    [Param("1", "conversion width of the smooth step between the two plateaus")]
    public double PlateauTransitionWidth { get; init; } = 0.015;

    [Param("1", "initial conversion of the as-made S@C cathode (elemental S8)")]
    public double InitialConversion { get; init; } = 0.0;
}
