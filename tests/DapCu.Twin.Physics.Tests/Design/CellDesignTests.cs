using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;

namespace DapCu.Twin.Physics.Tests.Design;

/// <summary>Impossible designs are refused with the field named, never turned into NaN states.</summary>
public class CellDesignTests
{
    private static CellDesignException Refused(CellDesign d) =>
        Assert.Throws<CellDesignException>(() => new CellModel(d, TestCells.P));

    [Fact]
    public void Negative_np_ratio_names_the_field()
    {
        var e = Refused(TestCells.LfpDap with { NpRatio = -1.0 });
        Assert.Equal("np_ratio", e.Field);
        Assert.Contains("np_ratio", e.Message);
        Assert.Contains("-1", e.Message);
    }

    [Fact]
    public void Zero_area_names_the_field()
    {
        var e = Refused(TestCells.HalfDap with { Area_cm2 = 0.0 });
        Assert.Equal("area_cm2", e.Field);
        Assert.Contains("area_cm2", e.Message);
    }

    [Fact]
    public void Loading_beyond_the_static_pores_is_refused_only_with_expansion_disabled()
    {
        // Static pores hold 5.79 mAh/cm2, with expansion 11.97 (H3: 8 mAh/cm2 is held).
        var eight = TestCells.SymmetricDap with { PreplatedLi_mAh_cm2 = 8.0 };
        _ = new CellModel(eight, TestCells.P);
        var e = Refused(eight with { HostExpansion = false });
        Assert.Equal("preplated_mAh_cm2", e.Field);
        Assert.Contains("expansion disabled", e.Message);
        Assert.Contains("5.79", e.Message);

        // A full cell's anode: N/P 8 on 1 mAh/cm2 LFP = 8 mAh/cm2.
        var full = Refused(TestCells.LfpDap with { NpRatio = 8.0, HostExpansion = false });
        Assert.Equal("np_ratio", full.Field);
        // Beyond even the elastic limit: N/P 13 = 13 mAh/cm2 > 11.97.
        Assert.Equal("np_ratio", Refused(TestCells.LfpDap with { NpRatio = 13.0 }).Field);
    }

    [Fact]
    public void Missing_cathode_loading_and_symmetric_preplating_are_refused()
    {
        Assert.Equal("cathode_loading_mg_cm2", Refused(TestCells.LfpDap with { CathodeLoading_mg_cm2 = 0 }).Field);
        Assert.Equal("preplated_mAh_cm2", Refused(TestCells.SymmetricPl with { PreplatedLi_mAh_cm2 = 0 }).Field);
        Assert.Equal("separator_thickness_um", Refused(TestCells.HalfPl with { SeparatorThickness_um = -25 }).Field);
    }

    public static IEnumerable<object[]> NonFinite()
    {
        foreach (var v in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            yield return [TestCells.HalfDap with { Area_cm2 = v }, "area_cm2"];
            yield return [TestCells.HalfDap with { SeparatorThickness_um = v }, "separator_thickness_um"];
            yield return [TestCells.SymmetricDap with { PreplatedLi_mAh_cm2 = v }, "preplated_mAh_cm2"];
            yield return [TestCells.SymmetricPl with { PreplatingCurrent_mA_cm2 = v }, "preplating_current_mA_cm2"];
            yield return [TestCells.HalfPl with { LiFoilCapacity_mAh_cm2 = v }, "li_foil_capacity_mAh_cm2"];
            yield return [TestCells.LfpDap with { NpRatio = v }, "np_ratio"];
            yield return [TestCells.SulfurDap with { CathodeLoading_mg_cm2 = v }, "cathode_loading_mg_cm2"];
        }
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Non_finite_numbers_are_refused_with_the_field_named(CellDesign design, string field)
    {
        var e = Refused(design);
        Assert.Equal(field, e.Field);
    }

    [Theory]
    [MemberData(nameof(TestCells.AllKinds), MemberType = typeof(TestCells))]
    public void Every_accepted_design_starts_from_a_finite_state(string kind)
    {
        var model = TestCells.Model(TestCells.ByName(kind));
        var s = model.CreateInitialState(1);
        var inventory = model.Inventory(s);
        Assert.True(double.IsFinite(inventory.Total_mAh_cm2) && inventory.Total_mAh_cm2 > 0);
        Assert.True(double.IsFinite(model.Voltage_V(s, 1.0)));
        Assert.True(double.IsFinite(model.Voltage_V(s, -1.0)));
    }
}
