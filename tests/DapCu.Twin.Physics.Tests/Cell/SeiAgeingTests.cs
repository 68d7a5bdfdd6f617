using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>The SEI film ages with time and is renewed by plated and stripped capacity (S3 vs S5b).</summary>
public class SeiAgeingTests
{
    private static void Cycle(CellModel m, ref CellState s, double j, int cycles)
    {
        for (var i = 0; i < cycles; i++)
        {
            m.Advance(ref s, -j, 3600.0 / j);
            m.Advance(ref s, j, 3600.0 / j);
        }
    }

    [Fact]
    public void Film_age_relaxes_to_renewal_capacity_over_current_and_grows_at_rest()
    {
        var m = TestCells.Model(TestCells.SymmetricDap);
        var q = TestCells.P.Dap.SeiRenewalCapacity_mAh_cm2;
        var s = m.CreateInitialState(1);
        Assert.Equal(0.0, s.PositiveLi.SeiAge_h);
        Cycle(m, ref s, 2.0, 200); // 200 h at 2 mA/cm2: >> Q_renew / J
        Assert.Equal(q / 2.0, s.PositiveLi.SeiAge_h, 2);
        Assert.Equal(q / 2.0, s.NegativeLi.SeiAge_h, 2);
        var before = s.PositiveLi.SeiAge_h;
        m.Advance(ref s, 0.0, 5 * 3600.0);
        Assert.Equal(before + 5.0, s.PositiveLi.SeiAge_h, 9);
    }

    [Fact]
    public void Slow_cycling_carries_an_old_resistive_film_into_a_fast_step()
    {
        // Paper Fig. 3e vs 3f: the same 5 mA/cm2 polarises more after 20 slow cycles than in a cell cycled
        // fast from assembly, though the slow cell's deposit has been cycled (activated) longer.
        var m = TestCells.Model(TestCells.SymmetricDap);
        var fast = m.CreateInitialState(1);
        Cycle(m, ref fast, 5.0, 1);
        var slow = m.CreateInitialState(1);
        foreach (var j in new[] { 0.2, 0.5, 1.0, 2.0 }) Cycle(m, ref slow, j, 5);
        Cycle(m, ref slow, 5.0, 1);
        Assert.True(slow.PositiveLi.PlatedTotal_mAh_cm2 > fast.PositiveLi.PlatedTotal_mAh_cm2);
        var fastFilm = m.Overpotential(fast, -5.0).Film_mV;
        var slowFilm = m.Overpotential(slow, -5.0).Film_mV;
        Assert.True(slowFilm > 1.3 * fastFilm, $"film {fastFilm:F1} mV fresh vs {slowFilm:F1} mV after slow steps");
        // Without ageing the slow cell's more activated deposit polarises less: the ageing is what reverses it.
        var noAgeing = TestCells.Model(TestCells.SymmetricDap, TestCells.P.With("dap.sei_aging_rate_per_h", 0.0));
        Assert.True(noAgeing.Overpotential(slow, -5.0).Film_mV < noAgeing.Overpotential(fast, -5.0).Film_mV);
    }

    [Fact]
    public void A_moved_electrode_starts_with_a_fresh_film()
    {
        var m = TestCells.Model(TestCells.SymmetricDap);
        var s = m.CreateInitialState(1);
        // Pre-plating takes 2 h at 1 mA/cm2 in another cell; the transfer re-passivates in new electrolyte.
        Assert.Equal(0.0, s.PositiveLi.SeiAge_h);
        Assert.True(s.PositiveLi.PlatedTotal_mAh_cm2 > 0);
    }
}
