using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>Runs that end before their protocol: an internal short, a cancelled token.</summary>
public class StopAndCancelTests
{
    // PL half cell plated at 10 mA/cm2, far below the separator's limiting current (~110 mA/cm2): protrusions
    // turn dendritic after the rough-onset capacity of 5 mAh/cm2 (30 min), then needle growth crosses 25 um
    // within ~0.5 mAh/cm2 (~3 min): a short at ~33 min, well inside a 2 h step.
    private const string HardPlating = """
        Discharge at 10 mA/cm2 for 2 h
        Charge at 1 mA/cm2 for 1 h
        """;

    [Fact]
    public void Stop_on_short_ends_the_run_early()
    {
        // Events are stamped at the end of the piece they happened in: 1 min pieces here.
        var run = RunnerCells.Run(RunnerCells.HalfPl, HardPlating, new RunOptions { OutputResolution_s = 60 });
        Assert.True(run.Result.EndedEarly);
        Assert.Equal(EndReasons.Short, run.Result.EndReason);
        var shortEvent = Assert.Single(run.Result.Events, e => e.Kind == CellEventKind.Short);
        Assert.InRange(shortEvent.Time_s, 1800.0 + 60.0, 2100.0 + 60.0);
        Assert.True(run.FinalState.Shorted);
        Assert.True(run.FinalState.Time_s < 2 * 3600, "the rest of the plating step should not run");
        Assert.Contains(run.Result.Events, e => e.Kind == CellEventKind.DendriteOnset && e.Time_s <= shortEvent.Time_s);
        // The short's cycle is still recorded.
        Assert.Single(run.Result.Cycles);
    }

    [Fact]
    public void Without_stop_on_short_the_protocol_runs_to_its_end()
    {
        var run = RunnerCells.Run(RunnerCells.HalfPl, "Stop on short: no\n" + HardPlating);
        Assert.False(run.Result.EndedEarly);
        Assert.True(run.FinalState.Shorted);
        Assert.Equal(3 * 3600.0, run.FinalState.Time_s, 6);
    }

    [Fact]
    public void DAP_holds_inside_its_pores_a_plating_that_shorts_PL()
    {
        // 45 min at 10 mA/cm2 = 7.5 mAh/cm2: the host holds it (no Li on top, so no dendrites); PL shorts at ~33 min.
        const string plating = "Discharge at 10 mA/cm2 for 45 min";
        Assert.Contains(RunnerCells.Run(RunnerCells.HalfPl, plating).Result.Events, e => e.Kind == CellEventKind.Short);
        var run = RunnerCells.Run(RunnerCells.HalfDap, plating);
        Assert.False(run.Result.EndedEarly);
        Assert.DoesNotContain(run.Result.Events, e => e.Kind == CellEventKind.Short);
    }

    [Fact]
    public void A_cancelled_token_stops_the_run_with_reason_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var run = RunnerCells.Run(RunnerCells.SymmetricDap, """
            Repeat 100 times:
              Charge at 1 mA/cm2 for 1 h
              Discharge at 1 mA/cm2 for 1 h
            """, cancellation: cts.Token, cycleCompleted: n => { if (n == 3) cts.Cancel(); });
        Assert.True(run.Result.EndedEarly);
        Assert.Equal(EndReasons.Cancelled, run.Result.EndReason);
        Assert.Equal(3, run.Result.Cycles.Count);
        Assert.Equal(3 * 7200.0, run.FinalState.Time_s, 6);
    }

    [Fact]
    public void A_token_cancelled_before_the_start_runs_nothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var run = RunnerCells.Run(RunnerCells.SymmetricDap, "Charge at 1 mA/cm2 for 1 h", cancellation: cts.Token);
        Assert.Equal(EndReasons.Cancelled, run.Result.EndReason);
        Assert.Empty(run.Result.Cycles);
        Assert.Equal(0.0, run.FinalState.Time_s);
    }
}
