using DapCu.Twin.Physics.Cathodes;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Cathodes;

/// <summary>S@C: two plateaus (Marinescu 2016), end-of-charge rise and Li2S passivation.</summary>
public class SulfurCathodeTests
{
    // 1 mg S/cm2 x 1672 mAh/g = 1.672 mAh/cm2 (paper: 1.67).
    private static readonly SulfurCathode Sulfur = new(new SulfurParameters(), 1.0, 298.15);
    private static CathodeState At(double x) => new() { Capacity_mAh_cm2 = 1.672, InitialCapacity_mAh_cm2 = 1.672, Li_mAh_cm2 = x * 1.672 };

    [Fact]
    public void Rated_capacity_is_1_67_mAh_cm2_per_mg_S()
    {
        Assert.Equal(1.672, Sulfur.RatedCapacity_mAh_cm2, 12);
        Assert.Equal(0.0, Sulfur.Initial().Li_mAh_cm2); // elemental S8 as made
    }

    [Theory]
    [InlineData(0.08)]
    [InlineData(0.12)]
    [InlineData(0.18)]
    public void Upper_plateau_is_near_2_35_V_at_low_conversion(double x)
    {
        // x = 0.12: 2.35 + 0.0075 ln(0.88/0.12) = 2.365 V (Marinescu E_H ~2.35).
        Assert.InRange(Sulfur.OpenCircuit_V(At(x)), 2.33, 2.39);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(0.6)]
    [InlineData(0.8)]
    public void Lower_plateau_is_near_2_1_V(double x)
    {
        // x = 0.6: 2.10 + 0.0075 ln(0.4/0.6) = 2.097 V (paper Fig. 4d).
        Assert.InRange(Sulfur.OpenCircuit_V(At(x)), 2.07, 2.12);
    }

    [Fact]
    public void Open_circuit_voltage_falls_monotonically_with_conversion()
    {
        var last = double.PositiveInfinity;
        for (var x = 0.001; x < 0.99; x += 0.001)
        {
            var v = Sulfur.OpenCircuit_V(At(x));
            Assert.True(v < last, $"OCV not falling at x = {x}");
            last = v;
        }
    }

    [Fact]
    public void End_of_charge_rises_steeply()
    {
        // x = 0.001: 2.35 + 0.0075 ln(999) + 0.6 e^-0.1 = 2.945 V; x = 0.05: 2.35 + 0.022 + 0.004 = 2.376 V.
        var top = Sulfur.OpenCircuit_V(At(0.001));
        var plateau = Sulfur.OpenCircuit_V(At(0.05));
        Assert.True(top - plateau > 0.4, $"rise {top - plateau} V");
        Assert.InRange(top, 2.85, 3.05);
    }

    [Fact]
    public void Passivation_ends_the_discharge_earlier_at_higher_rate()
    {
        // Conversion at which the 1.7 V cutoff is reached at 1 C (1.672 mA/cm2) and 5 C.
        double EndOfDischarge(double j)
        {
            double lo = 0.3, hi = 0.99;
            for (var i = 0; i < 60; i++)
            {
                var mid = 0.5 * (lo + hi);
                if (Sulfur.Potential_V(At(mid), -j) > 1.7) lo = mid; else hi = mid;
            }
            return lo;
        }
        var end1 = EndOfDischarge(1.672);
        var end5 = EndOfDischarge(5 * 1.672);
        // By hand: 1 C needs ~0.4 V of drop -> R_pass ~ 200 ohm cm2 -> 8 e^{30 (x - 0.45)} = 200 -> x = 0.557;
        // 5 C: R_pass ~ 31 -> x = 0.495.
        Assert.InRange(end1, 0.53, 0.58);
        Assert.InRange(end5, 0.47, 0.52);
        Assert.True(end5 < end1);
    }
}
