using MessagePack;

namespace DapCu.Twin.Physics.Cathodes;

/// <summary>Li held by the cathode and the cathode's remaining capacity, mAh/cm2.</summary>
[MessagePackObject]
public struct CathodeState
{
    /// <summary>Li inserted (LFP) or bound as polysulfide/Li2S (S@C).</summary>
    [Key(0)] public double Li_mAh_cm2;
    /// <summary>Capacity of the active material still connected.</summary>
    [Key(1)] public double Capacity_mAh_cm2;
    /// <summary>Li locked in active material that lost contact (LFP formation fade).</summary>
    [Key(2)] public double IsolatedLi_mAh_cm2;
    /// <summary>Cumulative discharge throughput, in mAh/cm2 (equivalent cycles x capacity).</summary>
    [Key(3)] public double Throughput_mAh_cm2;
    /// <summary>Capacity at assembly.</summary>
    [Key(4)] public double InitialCapacity_mAh_cm2;

    /// <summary>No sites left for Li: a discharge current can only plate Li onto the cathode.</summary>
    [IgnoreMember] public readonly bool IsFull => Capacity_mAh_cm2 - Li_mAh_cm2 <= 1e-12;
    /// <summary>No Li left to remove: a charge current can only oxidise the electrolyte.</summary>
    [IgnoreMember] public readonly bool IsEmpty => Li_mAh_cm2 <= 1e-12;

    [IgnoreMember] public readonly double Lithiation => Capacity_mAh_cm2 > 0 ? Li_mAh_cm2 / Capacity_mAh_cm2 : 1.0;
}
