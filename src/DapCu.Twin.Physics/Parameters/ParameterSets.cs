namespace DapCu.Twin.Physics.Parameters;

/// <summary>Named, calibrated parameter sets. Values that differ from the record defaults are set here,
/// each with the row of docs/paper-targets.md it was fitted to.</summary>
public static class ParameterSets
{
    /// <summary>Calibrated to every row of docs/paper-targets.md (Chen et al., Batteries &amp; Supercaps 2024).</summary>
    public static ParameterSet Chen2024 { get; } = new()
    {
        Name = "Chen2024",
        // Planar Cu foil: low area, hot spots, mossy Li that strands and goes dead (Fig. 2d, 3a).
        PlanarCu = new LiElectrodeParameters
        {
            ElectroactiveAreaRatio = 1.34,       // fitted to S2
            FreshAreaFraction = 0.85,            // fitted to S2 (PL polarisation flat before ~400 h)
            NucleationOverpotential_mV = 40.0,   // Pei 2017 tens of mV on bare Cu; C4
            FirstPlatingSeiLoss_mAh_cm2 = 0.17,  // fitted to C2 first CE 70 %
            ReconnectionThreshold_mAh_cm2 = 2.5, // fitted to C2 (fluctuations after ~20 cycles)
            ReconnectionMaxFraction = 0.05,      // fitted to C2
            DendriteGrowth_um_per_mAh_cm2 = 8.0, // fitted to S4/S7
            DendriteStripRecovery = 0.0103,      // fitted to S4/S7
            PolysulfideCorrosionShare = 0.42,    // fitted to L5
            FreshSurfaceSeiFraction = 0.5e-4,    // fitted to S4 (Li lasts past the short at 5 mA/cm2)
            DeadLiFraction = 3.5e-4,             // fitted to S2/S4
            DeadLiResistivity_ohm_cm2_per_mAh_cm2 = 175.0, // fitted to S2 rise onset (~400 h)
            StrandedLi_mAh_cm2 = 0.12,           // fitted to C2
        },
        // DAP-Cu host: large, lithiophilic nanowire area; Li stays connected inside the pores.
        Dap = new LiElectrodeParameters
        {
            ElectroactiveAreaRatio = 3.5,        // fitted to S1/S3/S5
            InterfaceResistance_ohm_cm2 = 5.4,   // young film; fitted to S1/S3/S5 with the ageing below
            FreshAreaFraction = 0.24,            // fitted to S5a/S3
            ActivationCapacity_mAh_cm2 = 60.0,   // fitted to S5/S3
            SeiAgingRate_per_h = 0.1,            // fitted to S3/S5b (slow steps age the film)
            SeiRenewalCapacity_mAh_cm2 = 47.0,   // fitted to S1/S3/S5b
            BendingCrackStrain = 0.12,           // Li held in the nanowire network, which strains elastically up to its yield strain (host.yield_strain); P3
            NucleationOverpotential_mV = 12.0,   // fitted to C4 (smaller than PL)
            FirstPlatingSeiLoss_mAh_cm2 = 0.05,  // fitted to C1 first CE 93 %
            FreshSurfaceSeiFraction = 1e-5,      // fitted to S3 (Li lasts 10,000 cycles at 5 mA/cm2)
            DeadLiFraction = 1e-5,               // fitted to S3
            StrandedLi_mAh_cm2 = 0.012,          // fitted to C1
            ReconnectionThreshold_mAh_cm2 = 1e9, // Li never leaves the conductive network in bulk
            DeadLiResistivity_ohm_cm2_per_mAh_cm2 = 0.5,
        },
        // Thick Li foil counter electrode / control anode.
        LiFoil = new LiElectrodeParameters
        {
            ElectroactiveAreaRatio = 2.0,
            NucleationOverpotential_mV = 0.0,    // Li plates on Li: no nucleation barrier
            FirstPlatingSeiLoss_mAh_cm2 = 0.0,   // native SEI already present
            FreshSurfaceSeiFraction = 0.002,
            DeadLiFraction = 0.002,
            StrandedLi_mAh_cm2 = 0.0,
            ReconnectionThreshold_mAh_cm2 = 1e9,
            DeadLiResistivity_ohm_cm2_per_mAh_cm2 = 0.0,
            DendriteGrowth_um_per_mAh_cm2 = 0.0,
            TransferSeiLoss_mAh_cm2 = 0.0,       // a foil is not moved between cells
            TransferSeiShare = 0.0,
        },
    };
}
