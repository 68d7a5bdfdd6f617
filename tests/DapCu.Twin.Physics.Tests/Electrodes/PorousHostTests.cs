using DapCu.Twin.Physics.Electrodes;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Electrodes;

/// <summary>DAP-Cu host capacity: static pore volume, then elastic expansion (paper Fig. 1h, 2).</summary>
public class PorousHostTests
{
    // Li volumetric capacity: 0.534 g/cm3 x 3860 mAh/g = 2061.24 mAh/cm3.
    private const double LiVolumetric_mAh_cm3 = 2061.24;
    // Pores: 0.208 cm3/g x 13.5 mg/cm2 = 2.808e-3 cm3/cm2 -> x 2061.24 = 5.7880 mAh/cm2.
    private const double Static_mAh_cm2 = 0.208 * 13.5e-3 * LiVolumetric_mAh_cm3;
    // One unit of thickness strain adds the film's own volume: 100 um = 0.01 cm -> 20.6124 mAh/cm2.
    private const double PerStrain_mAh_cm2 = 0.01 * LiVolumetric_mAh_cm3;

    private static readonly HostParameters Host = new();

    [Fact]
    public void Li_volumetric_capacity_is_density_times_specific_capacity()
    {
        Assert.Equal(LiVolumetric_mAh_cm3, PhysicalConstants.LiVolumetricCapacity_mAh_cm3, 6);
    }

    [Fact]
    public void Static_capacity_is_pore_volume_times_areal_mass_times_Li_volumetric_capacity()
    {
        var host = new PorousHost(Host, expansionEnabled: true);
        Assert.Equal(5.7880, Static_mAh_cm2, 3);
        Assert.Equal(Static_mAh_cm2, host.StaticCapacity_mAh_cm2, 9);
        // docs/paper-targets.md H1: ~5.8 mAh/cm2, band 5.5-6.1.
        Assert.InRange(host.StaticCapacity_mAh_cm2, 5.5, 6.1);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(4.0)] // H2: 1 and 4 mAh/cm2 stay inside without thickness change
    [InlineData(5.78)]
    public void Strain_is_zero_up_to_the_static_capacity(double li_mAh_cm2)
    {
        Assert.Equal(0.0, new PorousHost(Host, true).Strain(li_mAh_cm2));
    }

    [Fact]
    public void Strain_grows_linearly_with_Li_beyond_the_static_capacity()
    {
        var host = new PorousHost(Host, true);
        // H3, 8 mAh/cm2: (8 - 5.788) / 20.612 = 0.1073.
        Assert.Equal((8.0 - Static_mAh_cm2) / PerStrain_mAh_cm2, host.Strain(8.0), 9);
        Assert.Equal(0.1073, host.Strain(8.0), 3);
        var one = host.Strain(Static_mAh_cm2 + 1.0);
        var two = host.Strain(Static_mAh_cm2 + 2.0);
        Assert.Equal(2.0 * one, two, 12);
        Assert.Equal(1.0 / PerStrain_mAh_cm2, one, 12);
    }

    [Fact]
    public void Max_capacity_adds_the_elastic_strain_limit_only_when_expansion_is_enabled()
    {
        // With expansion: 5.788 + 0.3 x 20.612 = 11.972 mAh/cm2; without: the static 5.788.
        Assert.Equal(Static_mAh_cm2 + 0.3 * PerStrain_mAh_cm2, new PorousHost(Host, true).MaxCapacity_mAh_cm2, 9);
        Assert.Equal(11.972, new PorousHost(Host, true).MaxCapacity_mAh_cm2, 3);
        Assert.Equal(Static_mAh_cm2, new PorousHost(Host, false).MaxCapacity_mAh_cm2, 9);
        // H3: 8 mAh/cm2 fits only with expansion.
        Assert.True(new PorousHost(Host, true).MaxCapacity_mAh_cm2 > 8.0);
        Assert.True(new PorousHost(Host, false).MaxCapacity_mAh_cm2 < 8.0);
    }
}
