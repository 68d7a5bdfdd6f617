using DapCu.Twin.Physics.Cathodes;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Cathodes;

/// <summary>LiFePO4: Prada 2013 OCV (as in PyBaMM), kinetic and solid-diffusion losses.</summary>
public class LfpCathodeTests
{
    // LFP 6.4 mg/cm2 x 156.25 mAh/g = 1.000 mAh/cm2 (paper Experimental).
    private static readonly LfpCathode Lfp = new(new LfpParameters(), 6.4, 298.15);

    /// <summary>PyBaMM's Prada2013 LFP OCP, written out with its literal constants.</summary>
    private static double Prada2013(double x) =>
        3.4077 - 0.020269 * x + 0.5 * Math.Exp(-150.0 * x) - 0.9 * Math.Exp(-30.0 * (1.0 - x));

    private static CathodeState At(double x) => new() { Capacity_mAh_cm2 = 1.0, InitialCapacity_mAh_cm2 = 1.0, Li_mAh_cm2 = x };

    [Fact]
    public void Rated_capacity_is_1_mAh_cm2_for_6_4_mg()
    {
        Assert.Equal(1.0, Lfp.RatedCapacity_mAh_cm2, 12);
        Assert.Equal(0.005, Lfp.Initial().Lithiation, 12); // pre-delithiated FePO4
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.02)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.97)]
    [InlineData(0.999)]
    public void Open_circuit_voltage_is_Prada_2013(double x)
    {
        Assert.Equal(Prada2013(x), Lfp.OpenCircuit_V(At(x)), 12);
    }

    [Fact]
    public void Open_circuit_voltage_has_a_3_4_V_plateau_and_steep_ends()
    {
        // Mid plateau: 3.4077 - 0.0101 = 3.3976 V at x = 0.5 (Padhi 1997: 3.4-3.45 V).
        Assert.Equal(3.3976, Lfp.OpenCircuit_V(At(0.5)), 4);
        for (var x = 0.1; x <= 0.8; x += 0.05) Assert.InRange(Lfp.OpenCircuit_V(At(x)), 3.38, 3.41);
        // x = 0.001: 3.4077 + 0.5 e^-0.15 = 3.838 V; x = 0.999: 3.4077 - 0.02 - 0.9 e^-0.03 = 2.514 V.
        Assert.True(Lfp.OpenCircuit_V(At(0.001)) > 3.8);
        Assert.True(Lfp.OpenCircuit_V(At(0.999)) < 2.6);
    }

    [Fact]
    public void Potential_under_current_adds_diffusion_lag_Butler_Volmer_and_ohmic_loss()
    {
        // Discharge 1 mA/cm2 (1 C) at x = 0.5: surface x = 0.5 + 0.085 = 0.585;
        // BV 51.385 mV x asinh(-1 / 4) = -12.72 mV; ohmic -1 x 15 = -15 mV.
        var twoRtOverF = 2.0 * 8.314462618 * 298.15 / 96485.33212;
        var expected = Prada2013(0.585) + twoRtOverF * Math.Asinh(-0.25) - 0.015;
        Assert.Equal(expected, Lfp.Potential_V(At(0.5), -1.0), 12);
        Assert.Equal(3.3976 - 0.0017 - 0.0127 - 0.015, Lfp.Potential_V(At(0.5), -1.0), 3);
    }

    [Fact]
    public void Higher_C_rate_lowers_the_discharge_potential_and_raises_the_charge_potential()
    {
        var rates = new[] { 0.1, 0.5, 1.0, 2.0, 5.0 };
        var discharge = rates.Select(c => Lfp.Potential_V(At(0.5), -c)).ToArray();
        var charge = rates.Select(c => Lfp.Potential_V(At(0.5), c)).ToArray();
        for (var i = 1; i < rates.Length; i++)
        {
            Assert.True(discharge[i] < discharge[i - 1], $"discharge at {rates[i]} C not below {rates[i - 1]} C");
            Assert.True(charge[i] > charge[i - 1], $"charge at {rates[i]} C not above {rates[i - 1]} C");
        }
        Assert.True(discharge[0] < Lfp.OpenCircuit_V(At(0.5)));
    }

    [Fact]
    public void Solid_diffusion_lag_ends_the_discharge_earlier_at_higher_rate()
    {
        // Lithiation at which the discharge potential reaches 2.5 V, found by bisection.
        double EndOfDischarge(double cRate)
        {
            double lo = 0.5, hi = 1.0;
            for (var i = 0; i < 60; i++)
            {
                var mid = 0.5 * (lo + hi);
                if (Lfp.Potential_V(At(mid), -cRate) > 2.5) lo = mid; else hi = mid;
            }
            return lo;
        }
        var end1 = EndOfDischarge(1.0);
        var end5 = EndOfDischarge(5.0);
        // The surface leads the bulk by 0.085 per C: 5 C stops ~4 x 0.085 = 0.34 earlier in bulk lithiation.
        Assert.True(end5 < end1 - 0.25, $"end of discharge at 5 C ({end5}) not well before 1 C ({end1})");
        // F3/P1: ~140 mAh/g of 156 at 1 C -> lithiation ~0.9 at the end.
        Assert.InRange(end1, 0.85, 0.95);
    }

    [Fact]
    public void Formation_fade_saturates()
    {
        var faded = new LfpCathode(new LfpParameters { FormationFadeTotal = 0.1, FormationFadeCycles = 15 }, 6.4, 298.15);
        // Loss 0.1 x (1 - e^{-n/15}): 0 at start, 0.1 x (1 - 1/e) = 6.32 % after 15 cycles, -> 10 %.
        Assert.Equal(1.0, faded.ConnectedCapacity_mAh_cm2(0.0), 12);
        Assert.Equal(1.0 - 0.1 * (1.0 - Math.Exp(-1.0)), faded.ConnectedCapacity_mAh_cm2(15.0), 12);
        Assert.Equal(0.9, faded.ConnectedCapacity_mAh_cm2(1e6), 9);
    }
}
