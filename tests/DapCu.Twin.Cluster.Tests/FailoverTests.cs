using DapCu.Twin.Cli.Cluster;
using Xunit.Abstractions;

namespace DapCu.Twin.Cluster.Tests;

/// <summary>
/// Three <c>dapcu serve</c> processes on one redis-server, a live fleet on a wall clock at 2,000x, and the silo
/// holding most of its shards killed with SIGKILL mid-run. Nothing may be lost: every shard answers again from a
/// survivor, no cycle counter goes backwards, and the finished fleet's cycle tables equal an uninterrupted run
/// of the same seed. Every wait is for an event (hang guards only); how fast is `dapcu bench --failover`'s business.
/// </summary>
public class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_live_fleet_loses_nothing_when_a_silo_is_killed()
    {
        var plan = new FailoverPlan(FailoverScenario.Yaml, FailoverScenario.Variant, Cells: 60, CellsPerShard: 10,
            FailoverScenario.TimeScale, MembershipProfile: "Fast", RepoPaths.Scratch("failover"), SiloProcess.HarnessServeArgs);

        using var log = new StringWriter();
        FailoverReport report;
        try { report = await FailoverDrill.RunAsync(plan, log, CancellationToken.None); }
        finally { output.WriteLine(log.ToString()); }

        Assert.True(report.ShardsOnVictim > 0, "the killed silo held no shard: nothing was tested");
        Assert.True(report.CyclesDoneAtKill < report.CyclesTotal, "the fleet had finished before the kill: nothing was tested");
        Assert.Empty(report.ShardsStillOnVictim);
        Assert.Equal(report.Shards, report.ShardsOnSurvivorsAfter);
        Assert.Equal((plan.Cells, 0), (report.CellsServingAfter, report.CellsLost));
        Assert.True(report.AggregatePolls > 0, "the fleet's cycle count was never read");
        Assert.Equal(0, report.CompletedCycleRegressions);
        Assert.Equal(0, report.SampledCellRegressions);
        Assert.True(report.Differences.Count == 0, string.Join('\n', report.Differences));
    }
}
