using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>Cycles are iterations of innermost loops; constant-voltage holds decay to their cutoff.</summary>
public class LoopAndHoldTests
{
    [Fact]
    public void A_loop_gives_one_cycle_record_per_iteration()
    {
        var cycles = RunnerCells.Result(RunnerCells.HalfDap, """
            Repeat 5 times:
              Discharge at 1 mA/cm2 for 1 h
              Charge at 1 mA/cm2 until 1 V
            """).Cycles;
        Assert.Equal([1, 2, 3, 4, 5], cycles.Select(c => c.Cycle));
        Assert.All(cycles, c => Assert.Equal(1.0, c.Discharge_mAh_cm2, 12));
        // Each cycle ends 1 h of plating plus under 1 h of stripping after the last.
        for (var i = 1; i < cycles.Count; i++) Assert.InRange(cycles[i].EndTime_s - cycles[i - 1].EndTime_s, 3600.0, 7200.0);
    }

    [Fact]
    public void Nested_loops_count_iterations_of_the_innermost()
    {
        var cycles = RunnerCells.Result(RunnerCells.SymmetricDap, """
            Repeat 3 times:
              Repeat 4 times:
                Charge at 1 mA/cm2 for 30 min
                Discharge at 1 mA/cm2 for 30 min
              Rest for 1 h
            """).Cycles;
        Assert.Equal(12, cycles.Count);
        Assert.Equal(Enumerable.Range(1, 12), cycles.Select(c => c.Cycle));
        Assert.All(cycles, c => Assert.Equal(0.5, c.Charge_mAh_cm2, 12));
    }

    [Fact]
    public void Steps_before_a_loop_form_their_own_cycle()
    {
        var cycles = RunnerCells.Result(RunnerCells.SymmetricDap, """
            Charge at 1 mA/cm2 for 1.5 h
            Repeat 3 times:
              Discharge at 1 mA/cm2 for 1 h
              Charge at 1 mA/cm2 for 1 h
            """).Cycles;
        Assert.Equal(4, cycles.Count);
        Assert.Equal(1.5, cycles[0].Charge_mAh_cm2, 12);
        Assert.Equal(0.0, cycles[0].Discharge_mAh_cm2);
    }

    [Fact]
    public void A_constant_voltage_hold_decays_below_its_current_cutoff()
    {
        var run = RunnerCells.Run(RunnerCells.LfpDap, """
            Discharge at 1C until 2.5 V
            Charge at 1C until 3.6 V
            Hold at 3.6 V until 0.05 mA/cm2
            """, new RunOptions { OutputResolution_s = 30 });
        var hold = run.Result.TimeSeries.Where(p => p.Step == 3 && p.CurrentDensity_mA_cm2 != 0).ToList();
        Assert.True(hold.Count > 3, "the hold should run for a while");
        // The hold current falls from near 1C towards the cutoff...
        Assert.True(hold[0].CurrentDensity_mA_cm2 > 0.3, $"first hold current {hold[0].CurrentDensity_mA_cm2}");
        for (var i = 1; i < hold.Count; i++) Assert.True(hold[i].CurrentDensity_mA_cm2 <= hold[i - 1].CurrentDensity_mA_cm2 + 1e-9);
        Assert.All(hold, p => Assert.InRange(p.Voltage_V, 3.6 - 1e-3, 3.6 + 1e-3)); // held within 1 mV
        // ...and has crossed it: 0.05 mA/cm2 for the next 30 s piece would end at or above 3.6 V
        // (the voltage rises with current, so the holding current is now below the cutoff).
        var model = RunnerCells.Model(RunnerCells.LfpDap);
        var next = run.FinalState;
        model.Advance(ref next, 0.05, 30);
        Assert.True(model.Voltage_V(next, 0.05) >= 3.6 - 1e-9, $"{model.Voltage_V(next, 0.05)} V");
        // Already now the holding current is below a fifth of 1C.
        Assert.True(model.Voltage_V(run.FinalState, 0.2) > 3.6);
        Assert.False(run.Result.EndedEarly);
    }

    [Fact]
    public void A_hold_with_a_capacity_limit_stops_there()
    {
        var cycle = Assert.Single(RunnerCells.Result(RunnerCells.LfpDap, """
            Discharge at 1C until 2.5 V
            Hold at 3.6 V until 0.2 mAh/cm2
            """).Cycles);
        Assert.Equal(0.2, cycle.Charge_mAh_cm2, 6);
    }
}
