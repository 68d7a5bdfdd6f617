using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>Trends the literature reports away from the paper's points: Li|Cu CE falls with current density
/// (Luo et al., Nano Lett. 2015) and rises with cycled capacity (Adams et al., Adv. Energy Mater. 2018);
/// CE stays below 100 %; a full cell's CE follows its Li inventory (Xiao et al., Nat. Energy 2020); and the
/// overpotential's terms add up to the recorded overpotential.</summary>
public class LossAndOverpotentialTrendTests
{
    private static double MeanCe(Physics.Design.CellDesign design, double j, double q, int cycles = 30) =>
        RunnerCells.Run(design, $"""
            Repeat {cycles} times:
              Discharge at {j} mA/cm2 until {q} mAh/cm2
              Charge at {j} mA/cm2 until 1 V
            """).Result.Cycles.Skip(1).Average(c => c.CoulombicEfficiency);

    [Theory]
    [InlineData("PL")]
    [InlineData("DAP")]
    public void Half_cell_CE_falls_with_current_density(string host)
    {
        var design = host == "PL" ? RunnerCells.HalfPl : RunnerCells.HalfDap;
        var ce = new[] { 0.5, 1.0, 2.0, 5.0 }.Select(j => MeanCe(design, j, 1.0)).ToList();
        for (var i = 1; i < ce.Count; i++)
            Assert.True(ce[i] < ce[i - 1], $"{host}: CE at 0.5/1/2/5 mA/cm2 = {string.Join(" / ", ce.Select(c => c.ToString("F4")))}");
    }

    [Theory]
    [InlineData("PL")]
    [InlineData("DAP")]
    public void Half_cell_CE_rises_with_cycled_capacity(string host)
    {
        var design = host == "PL" ? RunnerCells.HalfPl : RunnerCells.HalfDap;
        var ce = new[] { 0.5, 1.0, 2.0, 4.0 }.Select(q => MeanCe(design, 1.0, q)).ToList();
        for (var i = 1; i < ce.Count; i++)
            Assert.True(ce[i] > ce[i - 1], $"{host}: CE at 0.5/1/2/4 mAh/cm2 = {string.Join(" / ", ce.Select(c => c.ToString("F4")))}");
    }

    [Fact]
    public void Planar_Cu_CE_fluctuates_but_stays_at_or_below_100_percent()
    {
        foreach (var seed in new ulong[] { 1, 2, 3, 4, 5 })
        {
            var cycles = RunnerCells.Run(RunnerCells.HalfPl, """
                Repeat 100 times:
                  Discharge at 1 mA/cm2 for 1 h
                  Charge at 1 mA/cm2 until 1 V
                """, seed: seed).Result.Cycles;
            // A plating re-connects at most the Li isolated in the previous strip, so a cycle gives back at most
            // what the last one lost: CE can pass 100 % only by the cycle-to-cycle spread of the islands left
            // behind at the 1 V cutoff (~0.12 mAh/cm2 give or take a few %), not by the 2 % and more of an uncapped random draw.
            Assert.All(cycles, c => Assert.True(c.CoulombicEfficiency < 1.02, $"seed {seed} cycle {c.Cycle}: CE {c.CoulombicEfficiency}"));
            Assert.True(cycles.Skip(20).Select(c => c.CoulombicEfficiency).Distinct().Count() > 50, "CE fluctuates after ~20 cycles");
        }
    }

    [Fact]
    public void A_full_cell_losing_Li_reports_CE_below_one_that_matches_its_inventory_loss()
    {
        // PL | FePO4 at N/P 1.2: all cyclable Li starts on the anode and is lost cycle by cycle.
        var design = RunnerCells.LfpDap with { Substrate = Physics.Design.LiSubstrate.PlanarCu };
        var run = RunnerCells.Run(design, """
            Repeat 20 times:
              Discharge at 1C until 2.5 V
              Charge at 1C until 4.0 V
            """);
        var cycles = run.Result.Cycles;
        Assert.True(double.IsNaN(cycles[0].CoulombicEfficiency), "the first discharge was never charged");
        Assert.True(cycles[^1].Discharge_mAh_cm2 < 0.8 * cycles[0].Discharge_mAh_cm2, "PL loses its Li in 20 cycles");
        for (var n = 1; n < cycles.Count && cycles[n].Discharge_mAh_cm2 > 0; n++)
        {
            var c = cycles[n];
            Assert.True(c.CoulombicEfficiency < 1.0, $"cycle {c.Cycle}: CE {c.CoulombicEfficiency}");
            // Delivered over the charge that stored it.
            Assert.Equal(c.Discharge_mAh_cm2 / cycles[n - 1].Charge_mAh_cm2, c.CoulombicEfficiency, 12);
        }
        // Over the run the CE losses add up to the capacity lost: prod(CE) ~ last discharge / first charge.
        var product = cycles.Skip(1).Where(c => double.IsFinite(c.CoulombicEfficiency)).Aggregate(1.0, (p, c) => p * c.CoulombicEfficiency);
        Assert.True(product < 0.8);
    }

    [Theory]
    [InlineData("half PL")]
    [InlineData("symmetric DAP")]
    [InlineData("LFP")]
    [InlineData("S")]
    public void Overpotential_terms_sum_to_the_recorded_overpotential(string kind)
    {
        var (design, protocol) = kind switch
        {
            "half PL" => (RunnerCells.HalfPl, "Repeat 3 times:\n  Discharge at 5 mA/cm2 for 12 min\n  Charge at 5 mA/cm2 until 1 V"),
            "symmetric DAP" => (RunnerCells.SymmetricDap, "Repeat 3 times:\n  Discharge at 2 mA/cm2 for 30 min\n  Charge at 2 mA/cm2 for 30 min"),
            "LFP" => (RunnerCells.LfpDap, "Repeat 3 times:\n  Discharge at 1C until 2.5 V\n  Charge at 1C until 4.0 V"),
            _ => (RunnerCells.SulfurDap, "Repeat 2 times:\n  Discharge at 1C until 1.7 V\n  Charge at 1C until 2.8 V or for 2 h"),
        };
        var result = RunnerCells.Run(design, protocol, new RunOptions { OutputResolution_s = 60 }).Result;
        var withCurrent = result.TimeSeries.Where(p => p.Current_mA != 0).ToList();
        Assert.NotEmpty(withCurrent);
        foreach (var p in withCurrent)
            Assert.True(Math.Abs(p.Split.Total_mV - p.Overpotential_mV) <= 1e-6 * Math.Max(1.0, p.Overpotential_mV),
                $"t = {p.Time_s} s: terms {p.Split.Total_mV} mV vs overpotential {p.Overpotential_mV} mV");
        // Several terms are at work, not one lumped resistance.
        Assert.True(withCurrent.Max(p => p.Split.ChargeTransfer_mV) > 0);
        Assert.True(withCurrent.Max(p => p.Split.Ohmic_mV) > 0);
        Assert.True(withCurrent.Max(p => p.Split.Concentration_mV) > 0);
        foreach (var c in result.Cycles)
            Assert.Equal(c.MeanOverpotential_mV, c.MeanSplit.Total_mV, 6);
    }
}
