using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>A cell that can no longer cycle ends its run with a RunEnded event and an end reason; it never goes
/// on reporting cycles that move no charge (or only non-Li current) as CE 100 %.</summary>
public sealed class EndReasonTests
{
    private static void AssertEndedWith(RunResult run, string reason)
    {
        Assert.True(run.EndedEarly, $"run did not end early ({run.Cycles.Count} cycles)");
        Assert.Equal(reason, run.EndReason);
        var last = run.Events[^1];
        Assert.Equal(CellEventKind.RunEnded, last.Kind);
        Assert.StartsWith(reason + ":", last.Detail);
        Assert.Equal(run.Cycles[^1].Cycle, last.Cycle);
        // The cycle in which the cell gave out has no efficiency, and none after it is reported.
        Assert.True(double.IsNaN(run.Cycles[^1].CoulombicEfficiency));
    }

    [Fact]
    public void Planar_cu_lfp_cell_at_np_1_2_that_loses_its_li_ends_with_li_exhausted()
    {
        // PL-Cu at N/P 1.2: the 0.2 mAh/cm2 excess goes to SEI and dead Li within a few cycles; afterwards
        // the discharge meets 2.5 V at once. The run used to go on to cycle 200 at 0 mAh/g.
        var design = RunnerCells.LfpDap with { Substrate = LiSubstrate.PlanarCu };
        var run = RunnerCells.Result(design, "Repeat 200 times:\n  Discharge at 1C until 2.5 V\n  Charge at 1C until 4.0 V");
        AssertEndedWith(run, EndReasons.LiExhausted);
        Assert.InRange(run.Cycles.Count, 2, 199);
        Assert.True(run.Cycles[0].Discharge_mAh_cm2 > 0.3, "the first cycles deliver");
        Assert.True(run.Cycles[^1].Discharge_mAh_cm2 + run.Cycles[^1].Charge_mAh_cm2 < 1e-6, "the last one moves nothing");
        Assert.All(run.Cycles.SkipLast(1), c => Assert.True(c.Discharge_mAh_cm2 > 0));
    }

    [Fact]
    public void Symmetric_cell_out_of_li_ends_when_its_stripping_electrode_runs_dry()
    {
        // 1.2 mAh/cm2 pre-plated on PL-Cu: first-cycle SEI and dead Li leave too little to strip 1 mAh/cm2.
        var design = RunnerCells.SymmetricPl with { PreplatedLi_mAh_cm2 = 1.2 };
        var run = RunnerCells.Result(design, "Stop on short: no\nRepeat 400 times:\n  Discharge at 1 mA/cm2 for 1 h\n  Charge at 1 mA/cm2 for 1 h");
        AssertEndedWith(run, EndReasons.LiExhausted);
        Assert.True(run.Cycles.Count < 400, $"{run.Cycles.Count} cycles");
        Assert.Contains(run.Events, e => e.Kind == CellEventKind.LiExhausted);
    }

    [Fact]
    public void A_protocol_whose_first_cutoff_is_met_at_once_ends_with_cutoff_at_start()
    {
        // A fresh (delithiated, FePO4) LFP cell sits near 3.4 V: discharging until 3.9 V ends before it starts.
        var run = RunnerCells.Result(RunnerCells.LfpDap, "Repeat 50 times:\n  Discharge at 1C until 3.9 V");
        AssertEndedWith(run, EndReasons.CutoffAtStart);
        Assert.Single(run.Cycles);
    }

    [Fact]
    public void A_healthy_run_has_no_end_reason_and_no_run_ended_event()
    {
        var run = RunnerCells.Result(RunnerCells.LfpDap, "Repeat 20 times:\n  Discharge at 1C until 2.5 V\n  Charge at 1C until 4.0 V");
        Assert.False(run.EndedEarly);
        Assert.Null(run.EndReason);
        Assert.DoesNotContain(run.Events, e => e.Kind == CellEventKind.RunEnded);
        Assert.Equal(20, run.Cycles.Count);
        // The cell discharges first: cycle 1 delivers Li no charge of this run stored, so it has no CE; every later one does.
        Assert.True(double.IsNaN(run.Cycles[0].CoulombicEfficiency));
        Assert.All(run.Cycles.Skip(1), c => Assert.True(double.IsFinite(c.CoulombicEfficiency)));
    }

    [Fact]
    public void A_short_that_stops_the_run_is_its_end_reason_and_event()
    {
        var run = RunnerCells.Result(RunnerCells.SymmetricPl, "Repeat 400 times:\n  Discharge at 10 mA/cm2 for 0.1 h\n  Charge at 10 mA/cm2 for 0.1 h");
        Assert.Equal(EndReasons.Short, run.EndReason);
        Assert.Equal(CellEventKind.RunEnded, run.Events[^1].Kind);
        Assert.True(double.IsFinite(run.Cycles[0].CoulombicEfficiency));
    }
}
