using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>A dendrite growing across the 25 um separator shorts the cell (targets S4, S7).</summary>
public class ShortCircuitTests
{
    /// <summary>When a PL half cell plated at 10 mA/cm2 from bare Cu shorts, computed by hand from the
    /// calibrated laws: below the limiting current (~110 mA/cm2 through 25 um Celgard) protrusions turn
    /// dendritic after the rough-onset capacity (5 mAh/cm2, 30 min); tips grow by current focusing before it
    /// and as needles after it, both scaled by this electrode's seeded growth factor.</summary>
    private static double HandShortTime_s(double growthFactor)
    {
        const double onset_s = 5.0 / 10.0 * 3600.0;                                // 1800 s
        var focusing = 96.48533212 * 3e-6 / (0.55 * 100e-4) * 1000.0;              // 52.63 mA/cm2 (ether, t+ 0.45)
        var growth = growthFactor * 8.0 * Math.Pow(10.0 / focusing, 2.0);         // ~0.276 um per mAh/cm2
        var needle = growthFactor * 10.0 * 1e4 / 2061.24;                          // 10 x 4.85 um per mAh/cm2 after onset
        const double freshSei = 0.5e-4, firstSei = 0.17;                            // PL: SEI takes these shares
        var tip = growth * (5.0 - firstSei) * (1 - freshSei);                      // ~1.3 um
        var extra_mAh = (25.0 - tip) / (needle * (1 - freshSei));                  // ~0.49 mAh/cm2 more
        return onset_s + extra_mAh / 10.0 * 3600.0;                                // ~1975 s
    }

    private static double HandShortTime_s() =>
        HandShortTime_s(TestCells.Model(TestCells.HalfPl).CreateInitialState(1).PositiveLi.GrowthFactor);

    [Fact]
    public void Dendrite_reaching_the_separator_shorts_the_cell_at_the_hand_computed_time()
    {
        var model = TestCells.Model(TestCells.HalfPl);
        var t = HandShortTime_s();
        Assert.InRange(t, 1850, 2200);

        var before = model.CreateInitialState(1);
        var eventsBefore = model.Advance(ref before, -10.0, t - 1.0);
        Assert.False(before.Shorted);
        Assert.Equal(CellEvents.DendriteOnset, eventsBefore & CellEvents.DendriteOnset);
        Assert.InRange(CellModel.DendriteLength_um(before), 24.0, 25.0);

        var after = model.CreateInitialState(1);
        var eventsAfter = model.Advance(ref after, -10.0, t + 1.0);
        Assert.True(after.Shorted);
        Assert.Equal(CellEvents.Short, eventsAfter & CellEvents.Short);
        Assert.Equal(t + 1.0, after.Time_s, 6);
    }

    [Fact]
    public void Voltage_collapses_to_the_short_resistance()
    {
        var model = TestCells.Model(TestCells.HalfPl);
        var s = model.CreateInitialState(1);
        model.Advance(ref s, -10.0, HandShortTime_s() - 30.0);
        var plating_V = model.Voltage_V(s, -10.0);
        model.Advance(ref s, -10.0, 60.0);
        Assert.True(s.Shorted);
        // Through the dendrite: 10 mA/cm2 x 2 ohm cm2 = 20 mV, against a plating polarisation of well over 50 mV before.
        Assert.True(plating_V < -0.05, $"plating voltage before the short {plating_V} V");
        Assert.Equal(-0.020, model.Voltage_V(s, -10.0), 12);
        Assert.Equal(0.0, model.Voltage_V(s, 0.0));
    }

    [Fact]
    public void A_shorted_cell_passes_time_without_moving_lithium()
    {
        var model = TestCells.Model(TestCells.HalfPl);
        var s = model.CreateInitialState(1);
        model.Advance(ref s, -10.0, 3600);
        Assert.True(s.Shorted);
        var inventory = model.Inventory(s);
        model.Advance(ref s, 1.0, 3600);
        model.Advance(ref s, -1.0, 3600);
        Assert.Equal(inventory, model.Inventory(s));
        Assert.Equal(3 * 3600.0, s.Time_s, 9);
    }

    [Fact]
    public void DAP_does_not_short_where_PL_does()
    {
        // H5: at 10 mA/cm2 DAP shows no dendrites in 60 min; the pores take the Li.
        var model = TestCells.Model(TestCells.HalfDap);
        var s = model.CreateInitialState(1);
        model.Advance(ref s, -10.0, 3600);
        Assert.False(s.Shorted);
        Assert.Equal(0.0, s.PositiveLi.Dendrite_um);
    }
}
