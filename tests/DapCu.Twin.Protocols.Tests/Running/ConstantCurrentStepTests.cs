using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>Constant-current steps: duration, capacity and voltage cutoffs, and current units.</summary>
public class ConstantCurrentStepTests
{
    [Fact]
    public void A_step_with_a_duration_passes_current_times_time()
    {
        // 1 mA/cm2 for 1 h = 1 mAh/cm2 plated onto the DAP working electrode.
        var run = RunnerCells.Run(RunnerCells.HalfDap, "Discharge at 1 mA/cm2 for 1 h");
        var cycle = Assert.Single(run.Result.Cycles);
        Assert.Equal(1.0, cycle.Discharge_mAh_cm2, 12);
        Assert.Equal(0.0, cycle.Charge_mAh_cm2);
        Assert.Equal(3600.0, run.FinalState.Time_s, 9);
        Assert.Equal(3600.0, cycle.EndTime_s, 9);
        // All of it arrived at the working electrode (as metal or SEI).
        Assert.Equal(1.0, run.FinalState.PositiveLi.Total_mAh_cm2, 12);
    }

    [Fact]
    public void A_capacity_cutoff_ends_the_step_at_exactly_that_capacity()
    {
        // 0.75 mAh/cm2 at 1 mA/cm2 = 45 min, before the 2 h duration.
        var run = RunnerCells.Run(RunnerCells.HalfDap, "Discharge at 1 mA/cm2 for 2 h or until 0.75 mAh/cm2");
        var cycle = Assert.Single(run.Result.Cycles);
        Assert.Equal(0.75, cycle.Discharge_mAh_cm2, 12);
        Assert.Equal(2700.0, run.FinalState.Time_s, 9);
        Assert.Equal(0.75, run.FinalState.PositiveLi.Total_mAh_cm2, 12);
    }

    [Fact]
    public void An_absolute_capacity_cutoff_divides_by_the_area()
    {
        // 2.262 mAh on 1.131 cm2 = 2 mAh/cm2.
        var cycle = Assert.Single(RunnerCells.Result(RunnerCells.HalfDap, "Discharge at 1 mA/cm2 until 2.262 mAh").Cycles);
        Assert.Equal(2.0, cycle.Discharge_mAh_cm2, 12);
    }

    [Theory]
    [InlineData("Discharge at 1C until 2.5 V", 2.5)]
    [InlineData("Discharge at 5C until 2.8 V", 2.8)]
    public void A_voltage_cutoff_is_located_within_1_mV_on_discharge(string step, double cutoff_V)
    {
        var cycle = Assert.Single(RunnerCells.Result(RunnerCells.LfpDap, step).Cycles);
        Assert.Equal(cutoff_V, cycle.EndVoltage_V, 3);
        Assert.InRange(Math.Abs(cycle.EndVoltage_V - cutoff_V), 0.0, 1e-3);
        // The cathode took most of its 1 mAh/cm2 (paper: ~140 mAh/g of 156 at 1 C).
        Assert.InRange(cycle.Discharge_mAh_cm2, 0.4, 1.0);
    }

    [Fact]
    public void A_voltage_cutoff_is_located_within_1_mV_on_charge()
    {
        var cycles = RunnerCells.Result(RunnerCells.LfpDap, """
            Repeat 2 times:
              Discharge at 1C until 2.5 V
              Charge at 1C until 3.8 V
            """).Cycles;
        Assert.Equal(2, cycles.Count);
        foreach (var c in cycles) Assert.InRange(Math.Abs(c.EndVoltage_V - 3.8), 0.0, 1e-3);
        // Half cell: strip 1 mAh/cm2 until 1 V, the paper's CE protocol.
        var half = RunnerCells.Result(RunnerCells.HalfDap, "Discharge at 1 mA/cm2 for 1 h\nCharge at 1 mA/cm2 until 1 V");
        var cycle = Assert.Single(half.Cycles);
        Assert.InRange(Math.Abs(cycle.EndVoltage_V - 1.0), 0.0, 1e-3);
        // C1: first CE ~93 % (band 91-95).
        Assert.InRange(cycle.CoulombicEfficiency, 0.91, 0.95);
    }

    [Fact]
    public void C_rate_uses_the_rated_capacity()
    {
        // LFP 6.4 mg/cm2 x 156.25 mAh/g = 1 mAh/cm2, so 1C = 1 mA/cm2: 30 min passes 0.5 mAh/cm2 into the cathode.
        var run = RunnerCells.Run(RunnerCells.LfpDap, "Discharge at 1C for 30 min");
        Assert.Equal(0.5, Assert.Single(run.Result.Cycles).Discharge_mAh_cm2, 12);
        Assert.Equal(0.005 + 0.5, run.FinalState.Cathode.Li_mAh_cm2, 12); // starts pre-delithiated at x = 0.005
        // A 1 h step at 1C passes 1 mAh/cm2 (the cathode's last 0.005 is full, the rest is parasitic).
        Assert.Equal(1.0, Assert.Single(RunnerCells.Result(RunnerCells.LfpDap, "Discharge at 1C for 1 h").Cycles).Discharge_mAh_cm2, 12);
        // S: 1C = 1.672 mA/cm2; 0.2C for 1 h = 0.3344 mAh/cm2 = 200 mAh/g of S at 1 mg/cm2.
        var s = Assert.Single(RunnerCells.Result(RunnerCells.SulfurDap, "Discharge at 0.2C for 1 h").Cycles);
        Assert.Equal(0.3344, s.Discharge_mAh_cm2, 12);
        Assert.Equal(334.4, s.Discharge_mAh_g, 9);
    }

    [Theory]
    [InlineData("Discharge at 2 mA for 1 h")]
    [InlineData("Discharge at 0.002 A for 1 h")]
    [InlineData("Discharge at 1 mA/cm2 for 1 h")]
    public void Absolute_currents_divide_by_the_area(string step)
    {
        // 2 mA on a 2 cm2 electrode = 1 mA/cm2 -> 1 mAh/cm2 in 1 h.
        var design = RunnerCells.HalfDap with { Area_cm2 = 2.0 };
        var run = RunnerCells.Run(design, step);
        Assert.Equal(1.0, Assert.Single(run.Result.Cycles).Discharge_mAh_cm2, 12);
        Assert.Equal(1.0, run.FinalState.PositiveLi.Total_mAh_cm2, 12);
    }

    [Fact]
    public void Time_series_spacing_honours_the_output_resolution()
    {
        var result = RunnerCells.Result(RunnerCells.HalfDap, "Discharge at 1 mA/cm2 for 1 h\nRest for 10 min\nCharge at 1 mA/cm2 until 1 V",
            new RunOptions { OutputResolution_s = 60 });
        var times = result.TimeSeries.Select(p => p.Time_s).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 0.0, 60.0 + 1e-9));
        // The 1 h plating and the 10 min rest are sampled every minute: at least 60 + 10 full-minute gaps.
        Assert.True(gaps.Count(g => Math.Abs(g - 60.0) < 1e-9) >= 70, $"{gaps.Count(g => Math.Abs(g - 60.0) < 1e-9)} one-minute gaps");
        // Plating current is recorded per area and per cell: -1 mA/cm2 x 1.131 cm2.
        var plating = result.TimeSeries.First(p => p.CurrentDensity_mA_cm2 < 0);
        Assert.Equal(-1.131, plating.Current_mA, 12);
        Assert.Empty(RunnerCells.Result(RunnerCells.HalfDap, "Discharge at 1 mA/cm2 for 1 h").TimeSeries);
    }
}
