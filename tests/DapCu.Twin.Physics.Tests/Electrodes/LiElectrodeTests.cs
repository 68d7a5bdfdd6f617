using DapCu.Twin.Physics.Electrodes;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Electrodes;

/// <summary>Li plating, stripping and overpotential of one electrode against hand-computed figures.</summary>
public class LiElectrodeTests
{
    // 2RT/F at 298.15 K: 2 x 8.314462618 x 298.15 / 96485.33212 = 0.0513851 V.
    private const double TwoRtOverF_mV = 2.0 * 8.314462618 * 298.15 / 96485.33212 * 1000.0;

    /// <summary>Bare Butler-Volmer: no film or dead-Li resistance, flat area, no nucleation, no SEI.</summary>
    private static readonly LiElectrodeParameters Kinetics = new()
    {
        ExchangeCurrentDensity_mA_cm2 = 7.1,
        InterfaceResistance_ohm_cm2 = 0.0,
        ElectroactiveAreaRatio = 1.0,
        AreaCurrentExponent = 0.0,
        FreshAreaFraction = 1.0,
        NucleationOverpotential_mV = 0.0,
        DeadLiResistivity_ohm_cm2_per_mAh_cm2 = 0.0,
        StrandedLi_mAh_cm2 = 0.0,
        RoughOnsetCapacity_mAh_cm2 = 1e9,
        FirstPlatingSeiLoss_mAh_cm2 = 0.0,
        FreshSurfaceSeiFraction = 0.0,
    };

    private static readonly ElectrolyteParameters Electrolyte = new();

    private static LiElectrode Planar(LiElectrodeParameters p) => new(p, Electrolyte, null);
    private static LiElectrodeState Thick(double li = 20.0) => new() { Top_mAh_cm2 = li, DeadLiNoise = 1.0, PlatedTotal_mAh_cm2 = 1e6 };

    [Fact]
    public void Two_RT_over_F_is_51_4_mV_at_298_K()
    {
        Assert.Equal(51.4, TwoRtOverF_mV, 1);
    }

    [Theory]
    // PyBaMM Xu2019 / BasicDFNHalfCell (docs/references/model-anchors.md): 3.6 mV at 1 mA/cm2, 34 mV at 10 mA/cm2 with j0 = 7.1.
    [InlineData(1.0, 3.6)]
    [InlineData(10.0, 34.0)]
    public void Charge_transfer_overpotential_is_2RT_over_F_asinh_j_over_2j0(double j_mA_cm2, double pybamm_mV)
    {
        var el = Planar(Kinetics);
        // 1 mA/cm2: 51.385 x asinh(1 / 14.2) = 51.385 x 0.070365 = 3.616 mV.
        var expected_mV = TwoRtOverF_mV * Math.Asinh(j_mA_cm2 / (2.0 * 7.1));
        var plating_mV = -1000.0 * el.Overpotential_V(Thick(), -j_mA_cm2);
        var stripping_mV = 1000.0 * el.Overpotential_V(Thick(), j_mA_cm2);
        Assert.Equal(expected_mV, plating_mV, 9);
        Assert.Equal(expected_mV, stripping_mV, 6); // depletion factor 1 - exp(-20/0.05) = 1
        Assert.Equal(pybamm_mV, plating_mV, 0);
        Assert.InRange(plating_mV, pybamm_mV * 0.97, pybamm_mV * 1.03);
    }

    [Fact]
    public void Overpotential_is_positive_on_stripping_and_negative_on_plating()
    {
        var dap = new LiElectrode(ParameterSets.Chen2024.Dap, Electrolyte, null);
        var s = Thick(2.0);
        Assert.True(dap.Overpotential_V(s, 1.0) > 0);
        Assert.True(dap.Overpotential_V(s, -1.0) < 0);
        Assert.Equal(0.0, dap.Overpotential_V(s, 0.0));
    }

    // Sand's time t = pi D (c0 F)^2 / (4 (J t_a)^2), D = 3e-6 cm2/s, c0 = 1e-3 mol/cm3, t_a = 0.62:
    // pi x 3e-6 x 96.485^2 = 0.087738 A2 s/cm4; / (4 x (1e-3 x 0.62)^2 = 1.5376e-6) = 57,062 s = 15.85 h at 1 mA/cm2;
    // at 10 mA/cm2 a hundredth: 570.6 s = 9.51 min (docs/references/model-anchors.md: 15.9 h and 9.5 min).
    private static double SandTime_s(double j_mA_cm2) =>
        Math.PI * 3e-6 * Math.Pow(1e-3 * 96485.33212, 2) / (4.0 * Math.Pow(j_mA_cm2 * 1e-3 * 0.62, 2));

    /// <summary>Free electrolyte (no separator) with t+ = 0.38 across a 10 cm gap: J_lim = 2 F c0 D / (t_a L)
    /// = 2 x 96.485 x 3e-6 / (0.62 x 10) = 0.093 mA/cm2, far below the currents used, so Sand's semi-infinite form holds.</summary>
    private static LiElectrode WideGap(LiElectrodeParameters p)
    {
        var e = new ElectrolyteParameters { CationTransferenceNumber = 0.38, SeparatorPorosity = 1.0 };
        return new LiElectrode(p, e, null, new Transport(e, 1e5));
    }

    [Fact]
    public void Sand_time_matches_the_worked_values()
    {
        var el = WideGap(Kinetics);
        Assert.Equal(15.9, el.PlatingLawAt(1.0).SandTime_s / 3600.0, 1);
        Assert.Equal(9.5, el.PlatingLawAt(10.0).SandTime_s / 60.0, 1);
        Assert.Equal(SandTime_s(1.0), el.PlatingLawAt(1.0).SandTime_s, 6);
        Assert.Equal(SandTime_s(10.0), el.PlatingLawAt(10.0).SandTime_s, 6);
        Assert.True(el.PlatingLawAt(10.0).TransportLimited);
    }

    [Fact]
    public void Sand_onset_time_scales_as_one_over_J_squared()
    {
        var el = WideGap(Kinetics);
        var t1 = el.PlatingLawAt(1.0).SandTime_s;
        Assert.Equal(0.25, el.PlatingLawAt(2.0).SandTime_s / t1, 12);
        Assert.Equal(1.0 / 49.0, el.PlatingLawAt(7.0).SandTime_s / t1, 12);
        // Time left scales with progress still to go.
        var s = Thick() with { SandProgress = 0.25 };
        Assert.Equal(0.75 * t1, LiElectrode.TimeToSandOnset_s(s, el.PlatingLawAt(1.0)), 6);
        Assert.Equal(double.PositiveInfinity, LiElectrode.TimeToSandOnset_s(s with { SandProgress = 1.0 }, el.PlatingLawAt(1.0)));
    }

    [Fact]
    public void Below_the_limiting_current_onset_is_reaction_limited_and_falls_as_one_over_J()
    {
        // Through the 25 um Celgard separator J_lim is ~110 mA/cm2: PL plating at 1-10 mA/cm2 turns dendritic
        // only after its rough-onset capacity (5 mAh/cm2): 5 h at 1 mA/cm2, 30 min at 10.
        var pl = new LiElectrode(ParameterSets.Chen2024.PlanarCu, Electrolyte, null);
        Assert.False(pl.PlatingLawAt(10.0).TransportLimited);
        Assert.Equal(5.0 * 3600.0, pl.PlatingLawAt(1.0).SandTime_s, 6);
        Assert.Equal(30.0 * 60.0, pl.PlatingLawAt(10.0).SandTime_s, 6);
        // Far above J_lim the transport clock wins again, falling as 1/J^2.
        var fast = pl.PlatingLawAt(1000.0);
        Assert.True(fast.TransportLimited);
        Assert.Equal(0.25, pl.PlatingLawAt(2000.0).SandTime_s / fast.SandTime_s, 6);
    }

    [Fact]
    public void Plating_fills_the_host_pores_before_the_top_surface()
    {
        var host = new PorousHost(new HostParameters(), expansionEnabled: true);
        var el = new LiElectrode(Kinetics, Electrolyte, host);
        var s = el.Bare();
        var law = el.PlatingLawAt(1.0);
        Assert.Equal(0.0, el.Plate(ref s, 3.0, 3 * 3600, law));
        Assert.Equal(3.0, s.Pore_mAh_cm2, 12);
        Assert.Equal(0.0, s.Top_mAh_cm2);
        // 10 more: the pores take up to 5.788 + 0.3 x 20.612 = 11.972, the rest (13 - 11.972) overflows.
        var overflow = el.Plate(ref s, 10.0, 10 * 3600, law);
        Assert.Equal(host.MaxCapacity_mAh_cm2, s.Pore_mAh_cm2, 12);
        Assert.Equal(13.0 - 11.972, s.Top_mAh_cm2, 3);
        Assert.Equal(s.Top_mAh_cm2, overflow, 12);
        Assert.Equal(0.3, s.PeakStrain, 12);
    }

    [Fact]
    public void First_plating_SEI_takes_its_share_of_the_charge_until_the_budget_is_spent()
    {
        var p = ParameterSets.Chen2024.Dap with { FirstPlatingSeiLoss_mAh_cm2 = 0.12, FirstPlatingSeiShare = 0.5, FreshSurfaceSeiFraction = 0.004 };
        var el = new LiElectrode(p, Electrolyte, null);
        var s = el.Bare();
        var law = el.PlatingLawAt(1.0);
        Assert.Equal(0.24, el.ChargeToFirstSeiEnd_mAh_cm2(s), 12); // 0.12 / 0.5
        // 0.1 mAh/cm2: first SEI = min(0.12, 0.5 x 0.1) = 0.05; fresh-surface SEI 0.004 x 0.05 = 0.0002.
        el.Plate(ref s, 0.1, 360, law);
        Assert.Equal(0.07, s.FirstSeiRemaining_mAh_cm2, 12);
        Assert.Equal(0.0502, s.Sei_mAh_cm2, 12);
        Assert.Equal(0.1 - 0.0502, s.Top_mAh_cm2, 12);
        // 1 more: first SEI = min(0.07, 0.5) = 0.07; fresh 0.004 x 0.93 = 0.00372.
        el.Plate(ref s, 1.0, 3600, law);
        Assert.Equal(0.0, s.FirstSeiRemaining_mAh_cm2, 12);
        Assert.Equal(0.0502 + 0.07 + 0.00372, s.Sei_mAh_cm2, 12);
        Assert.Equal(1.1, s.Total_mAh_cm2, 12);
        Assert.Equal(double.PositiveInfinity, el.ChargeToFirstSeiEnd_mAh_cm2(s));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.2)]
    public void Stripping_isolates_the_dead_Li_fraction_of_the_stripped_charge(double noise)
    {
        var p = Kinetics with { DeadLiFraction = 0.003 };
        var el = Planar(p);
        var s = Thick(5.0) with { DeadLiNoise = noise };
        el.Strip(ref s, 1.0);
        // Dead = 0.003 x noise x 1 mAh/cm2; the electrode loses 1 + that.
        Assert.Equal(0.003 * noise, s.Dead_mAh_cm2, 12);
        Assert.Equal(5.0 - 1.0 - 0.003 * noise, s.Top_mAh_cm2, 12);
        Assert.Equal(5.0 - 1.0, s.Total_mAh_cm2, 12);
        // Exhaustion: strippable 4 - 0.003 x noise, each mAh stripped costs 1 + 0.003 x noise.
        Assert.Equal((4.0 - 0.003 * noise) / (1.0 + 0.003 * noise), el.ChargeToExhaustion_mAh_cm2(s), 12);
    }

    [Fact]
    public void Stripping_takes_the_top_surface_before_the_pores()
    {
        var el = Planar(Kinetics with { DeadLiFraction = 0.0 });
        var s = new LiElectrodeState { Pore_mAh_cm2 = 3.0, Top_mAh_cm2 = 1.0, DeadLiNoise = 1.0 };
        el.Strip(ref s, 1.5);
        Assert.Equal(0.0, s.Top_mAh_cm2);
        Assert.Equal(2.5, s.Pore_mAh_cm2, 12);
    }

    [Fact]
    public void Exhaust_moves_all_connected_Li_to_dead()
    {
        var s = new LiElectrodeState { Pore_mAh_cm2 = 1.0, Top_mAh_cm2 = 0.5, Dead_mAh_cm2 = 0.1, Sei_mAh_cm2 = 0.2 };
        LiElectrode.Exhaust(ref s);
        Assert.Equal(0.0, s.Connected_mAh_cm2);
        Assert.Equal(1.6, s.Dead_mAh_cm2, 12);
        Assert.Equal(0.2, s.Sei_mAh_cm2);
        Assert.Equal(1.8, s.Total_mAh_cm2, 12);
    }

    [Fact]
    public void Reconnect_gives_back_part_of_the_freshly_isolated_Li_once_the_mat_percolates()
    {
        var el = Planar(Kinetics with { ReconnectionThreshold_mAh_cm2 = 1.5, ReconnectionWidth_mAh_cm2 = 0.3, ReconnectionMaxFraction = 0.12 });
        // Well below percolation: logistic 1 / (1 + e^((1.5 - 0.3) / 0.3)) = 0.018; 0.99 x 0.018 x 0.12 x 0.3 = 6.4e-4.
        var below = new LiElectrodeState { Dead_mAh_cm2 = 0.3, RecentDead_mAh_cm2 = 0.1, Top_mAh_cm2 = 1.0 };
        Assert.Equal(0.99 * 0.12 * 0.3 / (1 + Math.Exp(4.0)), el.Reconnect(ref below, 0.99), 12);
        Assert.Equal(0.0, below.RecentDead_mAh_cm2);
        // Above: 0.5 x 0.12 x 3.0 x logistic(5) = 0.1790, more than the 0.05 isolated in the last strip: capped at 0.05.
        var above = new LiElectrodeState { Dead_mAh_cm2 = 3.0, RecentDead_mAh_cm2 = 0.05, Top_mAh_cm2 = 1.0 };
        Assert.Equal(0.05, el.Reconnect(ref above, 0.5), 12);
        Assert.Equal(2.95, above.Dead_mAh_cm2, 12);
        Assert.Equal(1.05, above.Top_mAh_cm2, 12);
        // Nothing isolated since the last plating: nothing within reach.
        Assert.Equal(0.0, el.Reconnect(ref above, 0.9));
    }

    [Fact]
    public void Nucleation_spike_appears_on_the_first_plating_and_decays_with_plated_charge()
    {
        var el = Planar(Kinetics with { NucleationOverpotential_mV = 40.0, NucleationCapacity_mAh_cm2 = 0.02 });
        double Plating_mV(double plated) => -1000.0 * el.Overpotential_V(new LiElectrodeState { Top_mAh_cm2 = 1.0, PlatedTotal_mAh_cm2 = plated, DeadLiNoise = 1 }, -1.0);
        var bv = TwoRtOverF_mV * Math.Asinh(1.0 / 14.2);
        // Spike = 40 exp(-q / 0.02): 40 mV bare, 40/e = 14.7 mV after 0.02 mAh/cm2, gone after 1.
        Assert.Equal(bv + 40.0, Plating_mV(0.0), 9);
        Assert.Equal(bv + 40.0 / Math.E, Plating_mV(0.02), 9);
        Assert.Equal(bv, Plating_mV(1.0), 9);
        // Stripping never sees the spike.
        Assert.Equal(bv, 1000.0 * el.Overpotential_V(new LiElectrodeState { Top_mAh_cm2 = 20, DeadLiNoise = 1 }, 1.0), 6);
    }

    [Fact]
    public void Depletion_raises_the_stripping_overpotential_as_strippable_Li_runs_out()
    {
        var el = Planar(Kinetics with { DepletionScale_mAh_cm2 = 0.05 });
        double Stripping_mV(double li) => 1000.0 * el.Overpotential_V(new LiElectrodeState { Top_mAh_cm2 = li, DeadLiNoise = 1 }, 1.0);
        // At 0.05 mAh/cm2 the stripping area is 1 - 1/e = 0.632: local J = 1.582, eta = 51.39 asinh(1.582/14.2).
        Assert.Equal(TwoRtOverF_mV * Math.Asinh(1.0 / (1.0 - Math.Exp(-1.0)) / 14.2), Stripping_mV(0.05), 9);
        var levels = new[] { 1.0, 0.1, 0.05, 0.01, 0.001, 1e-5 };
        var etas = levels.Select(Stripping_mV).ToArray();
        for (var i = 1; i < etas.Length; i++) Assert.True(etas[i] > etas[i - 1], $"eta({levels[i]}) = {etas[i]} not above eta({levels[i - 1]}) = {etas[i - 1]}");
        // With nothing left the substrate oxidises (Cu, ~3 V vs Li).
        Assert.Equal(3.0, el.Overpotential_V(new LiElectrodeState { Top_mAh_cm2 = 0, DeadLiNoise = 1 }, 1.0));
        Assert.True(etas[^1] <= 3000.0);
    }
}
