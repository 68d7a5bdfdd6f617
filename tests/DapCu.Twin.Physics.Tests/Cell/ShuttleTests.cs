using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>Mikhaylik-Akridge polysulfide shuttle (JES 151, A1969, 2004) on the upper plateau of a charge:
/// dU/dt = J - k_s U, shuttle current k_s U. f_c = k_s q_H / J; charge completes only for f_c &lt; 1, with
/// upper-plateau charge efficiency -f_c / ln(1 - f_c) (docs/references/model-anchors.md: 0.95 at 0.1, 0.72 at 0.5).</summary>
public class ShuttleTests
{
    // S 1 mg/cm2: Q = 1.672 mAh/cm2; upper plateau q_H = 0.25 Q = 0.418 mAh/cm2; k_s = 0.25 /h.
    private const double Q = 1.672, QHigh = 0.418, Ks_per_h = 0.25;

    /// <summary>No Li2S deposit on the anode, so the effective shuttle constant is k_s itself.</summary>
    private static readonly ParameterSet NoDeposit = ParameterSets.Chen2024.With("dap.polysulfide_corrosion_share", 0.0);

    /// <summary>A sulfur cell discharged to full conversion, then charged through its lower plateau at J:
    /// exactly at the start of the upper plateau.</summary>
    private static (CellModel Model, CellState State) AtUpperPlateau(double j)
    {
        var model = TestCells.Model(TestCells.SulfurDap, NoDeposit);
        var s = model.CreateInitialState(3);
        model.Advance(ref s, -Q, 3600);                 // 1 C for 1 h fills the cathode exactly
        Assert.Equal(Q, s.Cathode.Li_mAh_cm2, 12);
        model.Advance(ref s, j, (Q - QHigh) / j * 3600); // the lower plateau has no shuttle
        Assert.Equal(QHigh, s.Cathode.Li_mAh_cm2, 12);
        return (model, s);
    }

    [Theory]
    [InlineData(0.05)]  // f_c = 0.25 x 0.418 / 0.05 = 2.09
    [InlineData(0.1)]   // f_c = 1.045
    public void Charge_never_completes_when_the_shuttle_outruns_the_current(double j)
    {
        var (model, s) = AtUpperPlateau(j);
        var fc = Ks_per_h * QHigh / j;
        Assert.True(fc > 1);
        var events = model.Advance(ref s, j, 1000 * 3600);
        // U saturates at J / k_s below q_H: the cathode keeps Li = q_H - J/k_s.
        Assert.Equal(CellEvents.None, events & CellEvents.CathodeLimit);
        Assert.Equal(QHigh - j / Ks_per_h, s.Cathode.Li_mAh_cm2, 9);
    }

    [Theory]
    [InlineData(1.672)]   // 1 C: f_c = 0.0625
    [InlineData(0.3344)]  // 0.2 C: f_c = 0.3125
    [InlineData(0.209)]   // f_c = 0.5
    public void Upper_plateau_follows_the_closed_form_and_ends_at_its_time(double j)
    {
        var (model, s) = AtUpperPlateau(j);
        var fc = Ks_per_h * QHigh / j;
        var uInf = j / Ks_per_h;
        var end_h = -Math.Log(1 - fc) / Ks_per_h;

        // Half way: U(t) = (J/k_s)(1 - e^{-k_s t}).
        var mid = s;
        model.Advance(ref mid, j, end_h / 2 * 3600);
        Assert.Equal(QHigh - uInf * (1 - Math.Exp(-Ks_per_h * end_h / 2)), mid.Cathode.Li_mAh_cm2, 12);

        // The charge completes at t_end = -ln(1 - f_c) / k_s, not before.
        var early = s;
        Assert.Equal(CellEvents.None, model.Advance(ref early, j, end_h * (1 - 1e-6) * 3600) & CellEvents.CathodeLimit);
        Assert.True(early.Cathode.Li_mAh_cm2 > 0);
        var late = s;
        Assert.Equal(CellEvents.CathodeLimit, model.Advance(ref late, j, end_h * (1 + 1e-6) * 3600) & CellEvents.CathodeLimit);
        Assert.Equal(0.0, late.Cathode.Li_mAh_cm2, 12);
    }

    [Fact]
    public void Upper_plateau_charge_efficiency_is_lower_at_lower_current()
    {
        // Efficiency = q_H / (J t_end) = -f_c / ln(1 - f_c): 0.968 at 1 C, 0.834 at 0.2 C (targets L6).
        static double Efficiency(double fc) => -fc / Math.Log(1 - fc);
        Assert.Equal(0.95, Efficiency(0.1), 2);
        Assert.Equal(0.72, Efficiency(0.5), 2);

        double Measured(double j)
        {
            // Time to the end of the upper plateau, by bisection on the exact advance.
            var (model, s) = AtUpperPlateau(j);
            double lo = 0, hi = 100 * 3600;
            for (var i = 0; i < 80; i++)
            {
                var mid = 0.5 * (lo + hi);
                var probe = s;
                model.Advance(ref probe, j, mid);
                if (probe.Cathode.Li_mAh_cm2 > 1e-12) lo = mid; else hi = mid;
            }
            return QHigh / (j * hi / 3600);
        }
        var oneC = Measured(1.672);
        var fifthC = Measured(0.3344);
        Assert.Equal(Efficiency(0.0625), oneC, 6);
        Assert.Equal(Efficiency(0.3125), fifthC, 6);
        Assert.True(fifthC < oneC && oneC < 1);
    }

    [Fact]
    public void Shuttled_charge_moves_Li_from_the_anode_back_to_the_cathode()
    {
        var j = 0.3344;
        var (model, s) = AtUpperPlateau(j);
        var anodeBefore = s.NegativeLi.Total_mAh_cm2;
        var t_h = 1.0;
        model.Advance(ref s, j, t_h * 3600);
        // The anode gains the charge passed minus the shuttled Li: J t - k_s \int U = U(t).
        var u = j / Ks_per_h * (1 - Math.Exp(-Ks_per_h * t_h));
        Assert.Equal(u, s.NegativeLi.Total_mAh_cm2 - anodeBefore, 12);
    }
}
