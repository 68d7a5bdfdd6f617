using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>The advance is exact: one step of dt lands where two steps of dt/2 do, even across internal
/// events (first-SEI end, host filling, exhaustion, Sand's time, a short, the shuttle region).</summary>
public class CellModelExactnessTests
{
    /// <summary>Per cell kind, a sequence of (current density mA/cm2, duration s) crossing its events.</summary>
    private static (double J, double Dt)[] Script(string kind) => kind switch
    {
        // Plate 2 (first SEI ends at 0.1 mAh/cm2), rest, strip to exhaustion and on into the parasitic region.
        "half DAP" => [(-1, 7200), (0, 600), (1, 3 * 3600), (-5, 1800), (1, 1800), (-1, 12 * 3600)],
        // 10 mA/cm2 on PL passes Sand's time (~35 min) and shorts (~37 min).
        "half PL" => [(-1, 7200), (1, 4 * 3600), (-10, 3600), (1, 600)],
        "symmetric DAP" => [(1, 3600), (-1, 3600), (5, 720), (1, 4 * 3600), (-2, 3600)],
        "symmetric PL" => [(1, 3600), (-1, 3600), (10, 600), (-10, 1200)],
        // Discharge past the cathode's room, charge past its emptying, a 5 C pulse.
        "LFP full" => [(-1, 3600), (1, 3600), (-5, 600), (1, 2 * 3600)],
        // Discharge to full conversion, charge through the lower plateau and the shuttle region, a slow shuttle charge.
        "S full" => [(-1.672, 3600), (1.672, 3 * 3600), (-1.672, 1800), (0.1, 5 * 3600), (0.05, 20 * 3600)],
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(TestCells.AllKinds), MemberType = typeof(TestCells))]
    public void Advance_over_dt_equals_two_advances_over_half_dt(string kind)
    {
        var model = TestCells.Model(TestCells.ByName(kind));
        var s = model.CreateInitialState(42);
        foreach (var (j, dt) in Script(kind))
        {
            var whole = s;
            var eventsWhole = model.Advance(ref whole, j, dt);
            var halves = s;
            var eventsHalves = model.Advance(ref halves, j, dt / 2) | model.Advance(ref halves, j, dt / 2);
            StateAssert.Close(whole, halves, 1e-12, $"{kind} after {j} mA/cm2 for {dt} s");
            Assert.Equal(eventsWhole & ~CellEvents.LiExhausted, eventsHalves & ~CellEvents.LiExhausted);
            s = whole;
        }
    }

    [Theory]
    [MemberData(nameof(TestCells.AllKinds), MemberType = typeof(TestCells))]
    public void Advance_over_dt_equals_ten_uneven_pieces(string kind)
    {
        var model = TestCells.Model(TestCells.ByName(kind));
        var s = model.CreateInitialState(7);
        var weights = new[] { 1.0, 3, 0.5, 2, 7, 0.25, 1, 4, 0.75, 2.5 };
        foreach (var (j, dt) in Script(kind))
        {
            var whole = s;
            model.Advance(ref whole, j, dt);
            var pieces = s;
            foreach (var w in weights) model.Advance(ref pieces, j, dt * w / weights.Sum());
            // 1e-9: a dendrite event ends its piece 1 us past the crossing (so the crossing is seen despite
            // rounding), and where that microsecond falls depends on the piece boundaries.
            StateAssert.Close(whole, pieces, 1e-9, $"{kind} after {j} mA/cm2 for {dt} s");
            s = whole;
        }
    }
}
