using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>Lithium is only moved, never made or lost: the inventory total stays constant through
/// thousands of cycles, rests, exhaustion, the shuttle and shorts (driven directly by Advance; the
/// runner-driven version with cutoffs and CV holds is in the Protocols tests).</summary>
public class LiConservationTests
{
    private static void AssertConserved(CellModel model, ref CellState s, double total, string when)
    {
        var now = model.Inventory(s).Total_mAh_cm2;
        Assert.True(Math.Abs(now - total) <= 1e-9 * total, $"{when}: inventory {now:R} vs {total:R} at start");
    }

    [Theory]
    [MemberData(nameof(TestCells.AllKinds), MemberType = typeof(TestCells))]
    public void Inventory_is_conserved_over_thousands_of_cycles(string kind)
    {
        var design = TestCells.ByName(kind);
        var model = TestCells.Model(design);
        var s = model.CreateInitialState(11);
        var total = model.Inventory(s).Total_mAh_cm2;
        var j = design.IsFullCell ? model.RatedCapacity_mAh_cm2 : 1.0;
        // Full cells discharge first (the cathode starts delithiated), Li|Li cells plate first.
        var first = design.IsFullCell || kind.StartsWith("half") ? -1 : 1;
        for (var cycle = 0; cycle < 3000; cycle++)
        {
            var scale = 1.0 + (cycle % 7) * 0.5; // currents 1-4x to visit different events
            model.Advance(ref s, first * j * scale, 3600 / scale);
            model.Advance(ref s, 0, 600);
            model.Advance(ref s, -first * j * scale, 1.2 * 3600 / scale); // overshoot into exhaustion/limit
            model.Advance(ref s, 0, 600);
            if (cycle % 100 == 0) AssertConserved(model, ref s, total, $"{kind} cycle {cycle}");
        }
        AssertConserved(model, ref s, total, $"{kind} after 3000 cycles");
    }

    [Theory]
    [InlineData("half PL")]
    [InlineData("symmetric PL")]
    public void Inventory_is_conserved_through_a_short(string kind)
    {
        var model = TestCells.Model(TestCells.ByName(kind));
        var s = model.CreateInitialState(5);
        var total = model.Inventory(s).Total_mAh_cm2;
        // 1 mAh/cm2 each way at 10 mA/cm2 (S7) until a dendrite crosses the separator.
        for (var i = 0; i < 1000 && !s.Shorted; i++)
        {
            model.Advance(ref s, -10.0, 360);
            model.Advance(ref s, 10.0, 360);
            AssertConserved(model, ref s, total, $"{kind} cycle {i}");
        }
        Assert.True(s.Shorted, "expected a short at 10 mA/cm2 on planar Cu");
        for (var i = 0; i < 10; i++) model.Advance(ref s, i % 2 == 0 ? 5.0 : -5.0, 3600);
        AssertConserved(model, ref s, total, $"{kind} after the short");
    }

    [Fact]
    public void Shuttle_with_Li2S_deposit_conserves_Li()
    {
        // PL anode: 42 % of the shuttled polysulfide deposits as Li2S (L5), the rest returns to the cathode.
        var design = TestCells.SulfurDap with { Substrate = DapCu.Twin.Physics.Design.LiSubstrate.PlanarCu };
        var model = TestCells.Model(design);
        var s = model.CreateInitialState(9);
        var total = model.Inventory(s).Total_mAh_cm2;
        for (var i = 0; i < 200; i++)
        {
            model.Advance(ref s, -1.672, 3600);
            model.Advance(ref s, 0.3344, 6 * 3600);
        }
        AssertConserved(model, ref s, total, "after 200 slow Li-S cycles");
        Assert.True(s.NegativeLi.Sei_mAh_cm2 > 0.1, "the shuttle should have left Li2S on the anode");
    }
}
