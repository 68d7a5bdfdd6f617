using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Electrodes;

/// <summary>The DAP-Cu host's Li capacity: static pore volume, then elastic expansion of the nanowire
/// network (paper Fig. 2: 8 mAh/cm2 held inside a host whose pores take ~5.8).</summary>
public readonly struct PorousHost
{
    /// <summary>Li the pores hold at the host's original thickness.</summary>
    public double StaticCapacity_mAh_cm2 { get; }
    /// <summary>Extra Li held per unit thickness strain (the added volume is filled with Li).</summary>
    public double CapacityPerStrain_mAh_cm2 { get; }
    /// <summary>Largest Li held before it overflows onto the top surface.</summary>
    public double MaxCapacity_mAh_cm2 { get; }

    public PorousHost(HostParameters p, bool expansionEnabled)
    {
        var poreVolume_cm3_cm2 = p.PoreVolume_cm3_g * p.ArealMass_mg_cm2 / 1000.0;
        StaticCapacity_mAh_cm2 = poreVolume_cm3_cm2 * PhysicalConstants.LiVolumetricCapacity_mAh_cm3;
        CapacityPerStrain_mAh_cm2 = p.Thickness_um * 1e-4 * PhysicalConstants.LiVolumetricCapacity_mAh_cm3;
        MaxCapacity_mAh_cm2 = StaticCapacity_mAh_cm2 + (expansionEnabled ? p.ElasticStrainLimit * CapacityPerStrain_mAh_cm2 : 0.0);
    }

    /// <summary>Thickness strain (0 = original thickness) when the pores hold the given Li.</summary>
    public double Strain(double poreLi_mAh_cm2) =>
        Math.Max(0.0, poreLi_mAh_cm2 - StaticCapacity_mAh_cm2) / CapacityPerStrain_mAh_cm2;
}
