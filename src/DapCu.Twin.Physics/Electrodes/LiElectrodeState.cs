using MessagePack;

namespace DapCu.Twin.Physics.Electrodes;

/// <summary>Where the Li of one Li-metal electrode is, and how its surface has evolved. mAh/cm2 of geometric area.</summary>
[MessagePackObject]
public struct LiElectrodeState
{
    /// <summary>Li inside the host's pores (DAP-Cu only), connected.</summary>
    [Key(0)] public double Pore_mAh_cm2;
    /// <summary>Li on the top surface (all Li on PL-Cu and Li foil; DAP overflow), connected.</summary>
    [Key(1)] public double Top_mAh_cm2;
    /// <summary>Isolated metallic Li, electrochemically inactive.</summary>
    [Key(2)] public double Dead_mAh_cm2;
    /// <summary>Li bound in the SEI (and in Li2S deposits from the polysulfide shuttle).</summary>
    [Key(3)] public double Sei_mAh_cm2;
    /// <summary>Li passivated by polysulfides (sulfur cells): metallic but not reachable in a discharge.</summary>
    [Key(4)] public double Passivated_mAh_cm2;
    /// <summary>First-plating SEI not yet formed.</summary>
    [Key(5)] public double FirstSeiRemaining_mAh_cm2;
    /// <summary>Cumulative plated capacity; drives nucleation decay and surface activation.</summary>
    [Key(6)] public double PlatedTotal_mAh_cm2;
    /// <summary>Longest dendrite, measured from the electrode surface towards the separator.</summary>
    [Key(7)] public double Dendrite_um;
    /// <summary>Time plated at the present local current over Sand's time (1 = onset of dendritic growth).</summary>
    [Key(8)] public double SandProgress;
    /// <summary>Multiplier of dead-Li formation for the present half cycle (seeded cycle-to-cycle spread).</summary>
    [Key(9)] public double DeadLiNoise;
    /// <summary>Largest host strain so far (for the plastic residual).</summary>
    [Key(10)] public double PeakStrain;
    /// <summary>This electrode's draw of tip growth relative to the nominal law (seeded cell-to-cell spread; 1 = nominal).</summary>
    [Key(11)] public double GrowthFactor;
    /// <summary>Surface per mAh of the latest deposit relative to one plated at 1 mA/cm2 (scales SEI and dead-Li shares).</summary>
    [Key(12)] public double Fineness;
    /// <summary>Li isolated since the last plating began: the part of the dead-Li mat a new deposit can reach.</summary>
    [Key(13)] public double RecentDead_mAh_cm2;
    /// <summary>Mean age of the SEI film on the Li surface, h: grows with time, renewed as Li is plated and stripped.</summary>
    [Key(14)] public double SeiAge_h;

    /// <summary><see cref="Fineness"/>, 1 for a state that never recorded one (hand-built, older snapshots).</summary>
    [IgnoreMember] public readonly double DepositFineness => Fineness > 0 ? Fineness : 1.0;
    /// <summary><see cref="GrowthFactor"/>, 1 for a state that never drew one.</summary>
    [IgnoreMember] public readonly double TipGrowthFactor => GrowthFactor > 0 ? GrowthFactor : 1.0;
    [IgnoreMember] public readonly double Connected_mAh_cm2 => Pore_mAh_cm2 + Top_mAh_cm2;
    [IgnoreMember] public readonly double Total_mAh_cm2 => Pore_mAh_cm2 + Top_mAh_cm2 + Dead_mAh_cm2 + Sei_mAh_cm2 + Passivated_mAh_cm2;
}
