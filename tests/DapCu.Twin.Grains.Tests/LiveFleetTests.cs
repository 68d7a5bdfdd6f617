using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Grains.Live;
using DapCu.Twin.Physics.Cell;
using MessagePack;

namespace DapCu.Twin.Grains.Tests;

/// <summary>Live fleets on the test cluster: the same numbers as batch runs, nothing lost when shards are
/// deactivated (with or without a checkpoint), bit-identical continuation of a promoted cell.</summary>
[Collection(ClusterCollection.Name)]
public class LiveFleetTests(ClusterFixture fixture)
{
    /// <summary>Only a hang guard: a failing run should fail, not block the suite.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);
    private const int Cells = 12;

    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    private static LiveFleetSetup Setup(int cells = Cells) => new(TinyScenario.Yaml, "tiny-lfp.yaml", "DAP", cells, CellsPerShard: 5);

    private async Task<ILiveFleetGrain> StartAccelerated(string id, bool paused = false)
    {
        var fleet = Grains.GetGrain<ILiveFleetGrain>(id);
        var clock = LiveClock.Accelerated(DateTimeOffset.UtcNow);
        await fleet.Start(Setup(), paused ? clock.Pause(DateTimeOffset.UtcNow) : clock);
        return fleet;
    }

    internal static async Task Until(Func<Task<bool>> condition, string what)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!await condition())
        {
            if (guard.IsCancellationRequested) throw new TimeoutException($"hang guard: still waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static Task Finished(ILiveFleetGrain fleet) =>
        Until(async () => (await fleet.Info()).Status == LiveFleetStatus.Finished, "the fleet to finish");

    [Fact]
    public async Task Every_cell_of_an_accelerated_live_fleet_has_the_cycle_table_of_its_batch_run()
    {
        var fleet = await StartAccelerated("live-parity");
        await Finished(fleet);
        var aggregates = await fleet.Aggregates();
        Assert.Equal(Cells, aggregates.Cells);
        Assert.Equal(Cells, aggregates.Finished);
        long cycles = 0;
        for (var i = 0; i < Cells; i++)
        {
            var view = await fleet.Cell(i);
            // Independent path: the batch engine (ProtocolRunner) on the same drawn cell.
            var (batch, final) = CellEngine.Build(view.Setup).RunProtocol(CellEngine.NoTimeSeries, default);
            Assert.NotEmpty(batch.Cycles);
            Assert.Equal(batch.Cycles, view.Cycles);
            Assert.Equal(batch.Events, view.Events);
            Assert.True(view.RecomputedExactly);
            Assert.Equal(MessagePackSerializer.Serialize(final), (await fleet.ExportCell(i)).State);
            cycles += batch.Cycles.Count;
        }
        Assert.Equal(cycles, aggregates.CompletedCycles);
        Assert.Equal(cycles, aggregates.CapacityByCycle.Sum(h => h.Total));
        await fleet.StopFleet();
    }

    [Fact]
    public async Task Shards_deactivated_mid_run_with_or_without_a_checkpoint_end_bit_identical_to_an_uninterrupted_run()
    {
        var reference = await StartAccelerated("live-reference");
        // The interrupted fleet runs on the wall clock (30 cycles of ~2 h at 20000x: over 10 s of wall time,
        // whatever the machine's load), so the shards are deactivated while it runs.
        var interrupted = Grains.GetGrain<ILiveFleetGrain>("live-interrupted");
        await interrupted.Start(Setup(), LiveClock.WallClock(20_000, DateTimeOffset.UtcNow));
        var deactivations = 0;
        long lastCycles = 0;
        while (deactivations < 4)
        {
            await Until(async () => (await interrupted.Aggregates()).CompletedCycles > lastCycles, "progress between deactivations");
            if ((await interrupted.Info()).Status == LiveFleetStatus.Finished) break;
            var before = await CycleCounts(interrupted);
            var checkpoint = deactivations % 2 == 0;
            await interrupted.DeactivateShards(checkpoint);
            // Reactivated by the next call: from the checkpoint just written, or from an older one and recomputed.
            var after = await CycleCounts(interrupted);
            if (checkpoint) Assert.All(before.Zip(after), p => Assert.True(p.Second >= p.First, $"cycle count went back from {p.First} to {p.Second}"));
            lastCycles = (await interrupted.Aggregates()).CompletedCycles;
            deactivations++;
        }
        Assert.True(deactivations >= 2, $"only {deactivations} deactivations before the fleet finished");
        await interrupted.Scale(ClockMode.Accelerated, 0); // no need to wait for the wall clock any more
        await Finished(reference);
        await Finished(interrupted);

        for (var i = 0; i < Cells; i++)
        {
            var (a, b) = (await reference.ExportCell(i), await interrupted.ExportCell(i));
            Assert.Equal(a.State, b.State);
            Assert.Equal(a.Position, b.Position);
        }
        var (ra, ia) = (await reference.Aggregates(), await interrupted.Aggregates());
        Assert.Equal(ra.CompletedCycles, ia.CompletedCycles);
        Assert.Equal(ra.CapacityByCycle.SelectMany(h => h.Counts), ia.CapacityByCycle.SelectMany(h => h.Counts));
        Assert.Equal(ra.CeByCycle.SelectMany(h => h.Counts), ia.CeByCycle.SelectMany(h => h.Counts));
        await reference.StopFleet();
        await interrupted.StopFleet();
    }

    private async Task<int[]> CycleCounts(ILiveFleetGrain fleet)
    {
        var counts = new int[Cells];
        for (var i = 0; i < Cells; i++)
            counts[i] = MessagePackSerializer.Deserialize<Protocols.Running.Cursor.ProtocolPosition>((await fleet.ExportCell(i)).Position).CompletedCycles;
        return counts;
    }

    [Fact]
    public async Task A_promoted_cell_continues_in_its_own_grain_bit_identically()
    {
        var reference = await StartAccelerated("live-promote-reference");
        var fleet = await StartAccelerated("live-promote");
        await Until(async () => (await fleet.Aggregates()).CompletedCycles > 0, "the first completed cycle");
        await fleet.PauseClock();
        var key = await fleet.Promote(7);
        var cell = Grains.GetGrain<ICellGrain>(key);
        var adopted = await cell.Export();
        Assert.Equal((await fleet.ExportCell(7)).State, adopted.State); // same state at the hand-over

        // The shard no longer advances it; the grain carries it on, surviving a deactivation on the way.
        await cell.ContinueProtocol(MessagePackSerializer.Deserialize<CellState>(adopted.State).Time_s + 3 * 3600);
        await cell.Deactivate(checkpointFirst: true);
        var progress = await cell.ContinueProtocol(double.PositiveInfinity);
        Assert.True(progress.Finished);

        await Finished(reference);
        Assert.Equal((await reference.ExportCell(7)).State, (await cell.Export()).State);
        Assert.Equal((await reference.ExportCell(7)).Position, (await cell.Export()).Position);
        await fleet.ResumeClock();
        await Finished(fleet);
        Assert.Equal(1, (await fleet.Aggregates()).Promoted);
        await reference.StopFleet();
        await fleet.StopFleet();
    }

    [Fact]
    public async Task A_fleet_of_hundreds_of_shards_starts_and_every_cell_is_counted_after_its_shards_are_lost()
    {
        // The path a million-cell fleet takes, at a size a test affords: many more shards than the fleet grain
        // configures at once, each building its cells on first use (not in its activation), all counted.
        const int cells = 400;
        var fleet = Grains.GetGrain<ILiveFleetGrain>("live-many-shards");
        var info = await fleet.Start(new LiveFleetSetup(TinyScenario.Yaml, "tiny-lfp.yaml", "DAP", cells, CellsPerShard: 1), LiveClock.WallClock(20_000, DateTimeOffset.UtcNow));
        Assert.Equal(cells, info.Shards);
        Assert.Equal(cells, (await fleet.ShardKeys()).Distinct().Count());
        await Until(async () => (await fleet.Aggregates()).CompletedCycles > 0, "the first completed cycle");
        var a = await fleet.Aggregates();
        Assert.Equal(cells, a.Cells);
        Assert.Equal(cells, a.Cycling + a.Resting + a.Finished);

        // Every shard lost without a checkpoint: each comes back on the next pull, from its record alone.
        var before = a.CompletedCycles;
        var lost = DateTimeOffset.UtcNow;
        await fleet.DeactivateShards(checkpointFirst: false);
        await Until(async () => (a = await fleet.Aggregates()).AsOf > lost && a.CompletedCycles >= before, "every recomputed shard to be counted again");
        Assert.Equal(cells, a.Cells);
        Assert.Equal(cells, a.Cycling + a.Resting + a.Finished);
        await fleet.StopFleet();
        Assert.DoesNotContain("live-many-shards", await Grains.GetGrain<ILiveFleetRegistryGrain>(LiveFleetRegistryGrain.Key).List());
    }

    [Fact]
    public async Task A_paused_fleet_stands_still_and_a_stopped_fleet_is_gone()
    {
        var fleet = await StartAccelerated("live-paused", paused: true);
        var a = await fleet.Aggregates();
        Assert.Equal(Cells, a.Resting + a.Cycling);
        Assert.Equal(0, a.CompletedCycles);
        Assert.Equal(0.0, a.MaxCellTime_s);
        Assert.Contains("live-paused", await Grains.GetGrain<ILiveFleetRegistryGrain>(LiveFleetRegistryGrain.Key).List());
        await fleet.StopFleet();
        Assert.DoesNotContain("live-paused", await Grains.GetGrain<ILiveFleetRegistryGrain>(LiveFleetRegistryGrain.Key).List());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => fleet.Info());
    }
}
