namespace DapCu.Twin.Physics.Parameters;

/// <summary>How Li plates on and strips from one kind of surface (PL-Cu foil, DAP-Cu host, Li foil).
/// Areas are electroactive area per geometric area; "true" resistances are per electroactive area.</summary>
public sealed record LiElectrodeParameters
{
    [Param("mA/cm2", "Li/electrolyte exchange current density, PyBaMM parameter set Xu2019 at 1 M (docs/references/model-anchors.md)")]
    public double ExchangeCurrentDensity_mA_cm2 { get; init; } = 7.1;

    [Param("ohm cm2", "SEI film resistance per electroactive area; fitted to S1 (DAP 22 mV) and S2 (PL 56 mV)")]
    public double InterfaceResistance_ohm_cm2 { get; init; } = 28.0;

    [Param("1", "electroactive/geometric area of a cycled electrode at 1 mA/cm2; fitted to S1/S2")]
    public double ElectroactiveAreaRatio { get; init; } = 1.0;

    [Param("1", "area grows with plating current density as nucleus density rises with overpotential (Pei 2017); exponent fitted to S1/S3")]
    public double AreaCurrentExponent { get; init; } = 0.42;

    [Param("1", "electroactive area of a fresh deposit relative to a cycled one; fitted to S5")]
    public double FreshAreaFraction { get; init; } = 0.46;

    [Param("mAh/cm2", "plated capacity over which a deposit roughens to its cycled area; fitted to S5/S6")]
    public double ActivationCapacity_mAh_cm2 { get; init; } = 50.0;

    [Param("mV", "extra overpotential to nucleate Li on the bare substrate (Pei 2017: tens of mV on Cu); fitted to C4")]
    public double NucleationOverpotential_mV { get; init; } = 40.0;

    [Param("mAh/cm2", "plated capacity over which nuclei coalesce and the nucleation spike decays (Pei 2017)")]
    public double NucleationCapacity_mAh_cm2 { get; init; } = 0.02;

    [Param("mAh/cm2", "Li consumed by SEI on the bare substrate during the first plating; fitted to C1/C2 first CE")]
    public double FirstPlatingSeiLoss_mAh_cm2 { get; init; } = 0.12;

    [Param("1", "share of plating current consumed by SEI while the first-plating SEI forms")]
    public double FirstPlatingSeiShare { get; init; } = 0.5;

    [Param("1", "share of plated charge lost to SEI on newly created Li surface each plating; fitted to S2 rise onset")]
    public double FreshSurfaceSeiFraction { get; init; } = 0.004;

    [Param("1", "share of stripped charge left behind as isolated (dead) Li (Fang 2019); fitted to S2")]
    public double DeadLiFraction { get; init; } = 0.003;

    [Param("mAh/cm2", "connected Li left isolated when an electrode is stripped to empty; fitted to C1/C2")]
    public double StrandedLi_mAh_cm2 { get; init; } = 0.12;

    [Param("mAh/cm2", "connected Li below which the stripping area shrinks and polarisation rises")]
    public double DepletionScale_mAh_cm2 { get; init; } = 0.05;

    [Param("1", "relative cycle-to-cycle spread (lognormal sigma) of dead-Li formation")]
    public double DeadLiNoise { get; init; } = 0.03;

    [Param("mAh/cm2", "dead-Li amount at the middle of the mat's percolation transition, where new deposits start to re-connect it; fitted to C2 (~20 cycles)")]
    public double ReconnectionThreshold_mAh_cm2 { get; init; } = 1.5;

    [Param("mAh/cm2", "width of the percolation transition of the dead-Li mat (logistic); fitted to C2")]
    public double ReconnectionWidth_mAh_cm2 { get; init; } = 0.3;

    [Param("1", "largest fraction of a percolating dead-Li pool a plating reaches (uniform draw, capped by the Li isolated in the last strip); fitted to C2")]
    public double ReconnectionMaxFraction { get; init; } = 0.12;

    [Param("ohm cm2 per mAh/cm2", "resistance of the porous dead-Li layer per amount of dead Li (Xu 2019); fitted to S2")]
    public double DeadLiResistivity_ohm_cm2_per_mAh_cm2 { get; init; } = 4.0;

    [Param("mAh/cm2", "capacity plated without stripping after which protrusions of the rough deposit turn dendritic below the limiting current (reaction-limited onset ~ 1/J, gentler than Sand's 1/J^2: Brissot et al., J. Power Sources 81, 925 (1999)); fitted to H5")]
    public double RoughOnsetCapacity_mAh_cm2 { get; init; } = 5.0;

    [Param("um per mAh/cm2", "tip advance per plated capacity when the current equals the focusing current of a 100 um diffusion layer; fitted to S4/S7")]
    public double DendriteGrowth_um_per_mAh_cm2 { get; init; } = 0.5;

    [Param("1", "exponent of current in tip focusing: the share of current drawn to tips and the tip current density both rise with the surface gradient J t_a / (F D) (assumed 2)")]
    public double DendriteGrowthExponent { get; init; } = 2.0;

    [Param("1", "cell-to-cell spread of tip growth: lognormal sigma drawn per electrode from the cell's seed (identical cells short at scattered times; iScience 2021, DOI 10.1016/j.isci.2021.103394); assumed")]
    public double DendriteGrowthSpread { get; init; } = 0.15;

    [Param("1", "needle growth after onset: tip advance relative to a dense film, fed at most by the limiting current (Bai et al., Energy Environ. Sci. 9, 3221 (2016) tip-growing mode); assumed")]
    public double PostSandTipAmplification { get; init; } = 10.0;

    [Param("1", "tip length dissolved per stripped capacity, relative to a dense film of that capacity (tips are partly stripped; the rest of the stripped Li comes from the bulk); fitted to S4/S7")]
    public double DendriteStripRecovery { get; init; } = 0.0;

    [Param("V", "potential of the bare substrate once its Li is gone: Cu oxidation onset vs Li/Li+ (~3 V, textbook)")]
    public double SubstrateOxidation_V { get; init; } = 3.0;

    [Param("1", "share of shuttled polysulfide that reacts irreversibly with this Li surface (Li2S deposit); fitted to L5")]
    public double PolysulfideCorrosionShare { get; init; } = 0.02;

    [Param("ohm cm2", "residual resistance of an internal short through a dendrite (assumed)")]
    public double ShortResistance_ohm_cm2 { get; init; } = 2.0;

    [Param("mAh/cm2", "SEI re-formed on the host surface when a pre-plated electrode is moved to a new cell; fitted to F1/F4")]
    public double TransferSeiLoss_mAh_cm2 { get; init; } = 0.043;

    [Param("1", "share of pre-plated Li re-passivated when the electrode is moved to a new cell; fitted to F1/F4")]
    public double TransferSeiShare { get; init; } = 0.15;

    [Param("1/h", "growth of the SEI film resistance per hour of film age, relative to a fresh film: the passivation film thickens with time and its ohmic resistance grows during storage (Stolz et al., J. Solid State Electrochem. 2024, DOI 10.1007/s10008-023-05792-4); 0 = no ageing (PL-Cu and Li foil: not calibrated); fitted for DAP to S3/S5")]
    public double SeiAgingRate_per_h { get; init; } = 0.0;

    [Param("mAh/cm2", "capacity passed through the surface (plated or stripped) that replaces its SEI film with a fresh one: steady SEI age = this / current density; fitted for DAP to S3/S5")]
    public double SeiRenewalCapacity_mAh_cm2 { get; init; } = 37.0;

    [Param("1", "tensile strain a bent Li layer follows before it fragments and loses contact: a dense Li film on a flat foil (soft Li on a stiff Cu foil debonds at small strain; assumed 0.2 %); row P3")]
    public double BendingCrackStrain { get; init; } = 0.002;

    [Param("mAh/cm2", "dead-Li amount over which the dead-layer resistance saturates; fitted to S2 and C2")]
    public double DeadLiResistanceSaturation_mAh_cm2 { get; init; } = 0.15;
}
