using DapCu.Twin.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace DapCu.Twin.Grains.Live;

/// <summary>
/// Thousands of a live fleet's cells as struct arrays (model state + protocol position), advanced lazily:
/// to the fleet clock's present whenever it is read, and on one grain timer scheduled at the next piece
/// due (never sooner than <see cref="LiveOptions.MinTickInterval"/>, never later than
/// <see cref="LiveOptions.MaxTickInterval"/>), which refreshes the shard's aggregates. Checkpoints on a
/// wall-clock cadence and on deactivation; reactivated, it reloads the checkpoint and recomputes to the present.
/// </summary>
public interface ILiveShardGrain : IGrainWithStringKey
{
    /// <summary>Creates the shard's cells as assembled (time zero) and starts its clock.</summary>
    Task Configure(LiveFleetSetup setup, LiveShardRange range, LiveClock clock);

    Task SetClock(LiveClock clock);

    /// <summary>This shard's counts and histograms, its cells advanced to the present first.</summary>
    Task<LiveAggregates> Summary();

    Task<LiveCellView> Cell(int cellIndex);

    /// <summary>A cell's stored state and protocol position as MessagePack (bit-for-bit comparisons), without releasing it.</summary>
    Task<PromotedCell> Export(int cellIndex);

    /// <summary>Hands a cell to a CellGrain of its own: the shard stops advancing it.</summary>
    Task<PromotedCell> Release(int cellIndex);

    /// <summary>Writes a checkpoint now.</summary>
    Task Checkpoint();

    /// <summary>Deactivates the shard (ops and test hook): with a checkpoint first, or without, as if its silo had
    /// died (the next call reloads the last checkpoint and recomputes).</summary>
    Task Deactivate(bool checkpointFirst);

    /// <summary>Deletes the shard's cells and checkpoint.</summary>
    Task Delete();
}

/// <summary>A live shard's persisted record: what it is, its clock, and its cells' checkpoint.</summary>
[GenerateSerializer]
public sealed class LiveShardRecord
{
    [Id(0)] public LiveFleetSetup? Setup { get; set; }
    [Id(1)] public LiveShardRange? Range { get; set; }
    [Id(2)] public LiveClock? Clock { get; set; }
    [Id(3)] public int SchemaVersion { get; set; }
    [Id(4)] public byte[]? Snapshot { get; set; }
    [Id(5)] public DateTimeOffset CheckpointedAt { get; set; }
}

public sealed partial class LiveShardGrain(
    [PersistentState("live-shard", EmbeddedSiloExtensions.StorageName)] IPersistentState<LiveShardRecord> record,
    IOptions<LiveOptions> options) : Grain, ILiveShardGrain
{
    private readonly LiveOptions _options = options.Value;
    private LiveShardCells? _cells;
    private Task<LiveShardCells>? _loading;
    private IGrainTimer? _timer;
    private DateTimeOffset _lastCheckpoint;
    private bool _skipCheckpoint;

    private string Name => this.GetPrimaryKeyString();
    private DateTimeOffset Now => DateTimeOffset.UtcNow;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Nothing heavy on the activation path (Orleans cancels an activation that overruns its timeout, and a
        // silo may be activating hundreds of shards at once): the cells are built, or restored from the
        // checkpoint, by the first tick or call.
        if (record.State.Setup is not null) StartTimer(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_cells is not null && !_skipCheckpoint) await Checkpoint();
        Telemetry.TwinTelemetry.ForgetShard(Name); // its checkpoint lag is no longer this silo's
    }

    public async Task Configure(LiveFleetSetup setup, LiveShardRange range, LiveClock clock)
    {
        // Only the record: a shard without a checkpoint starts its cells as assembled (time zero) when first
        // loaded, which is what a checkpoint written now would hold.
        _cells = null;
        _loading = null;
        record.State = new LiveShardRecord { Setup = setup, Range = range, Clock = clock };
        await record.WriteStateAsync();
        StartTimer(TimeSpan.Zero);
    }

    public async Task SetClock(LiveClock clock)
    {
        var cells = await Cells();
        // Cells catch up to the old clock's present before the new one takes over.
        var (until, budget) = (Clock.CellTime_s(Now), Clock.Mode == ClockMode.Accelerated ? _options.AcceleratedSlice : _options.MaxTickInterval);
        await LiveWork.Run(() => cells.Advance(until, budget));
        record.State.Clock = clock;
        await Checkpoint(); // the record goes to the store whole: the grain keeps no copy of its last checkpoint
        _timer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public async Task<LiveAggregates> Summary()
    {
        var cells = await Cells();
        await CatchUp(cells, summary: true);
        return cells.Aggregates(Now);
    }

    public async Task<LiveCellView> Cell(int cellIndex)
    {
        var cells = await Cells();
        var now_s = Clock.CellTime_s(Now);
        await CatchUp(cells);
        return await LiveWork.Run(() => cells.View(cellIndex, now_s));
    }

    public async Task<PromotedCell> Export(int cellIndex)
    {
        var cells = await Cells();
        await CatchUp(cells);
        return cells.Export(cellIndex);
    }

    public async Task<PromotedCell> Release(int cellIndex)
    {
        var cells = await Cells();
        await CatchUp(cells);
        var promoted = cells.Release(cellIndex);
        await Checkpoint();
        return promoted;
    }

    public async Task Checkpoint()
    {
        if (_cells is null) return;
        var snapshot = _cells.Snapshot();
        var bytes = await LiveWork.Run(snapshot.Write);
        using var span = Telemetry.TwinTelemetry.Checkpoint(Name, bytes.Length); // count, bytes, duration, lag, trace
        record.State.Snapshot = bytes;
        record.State.SchemaVersion = snapshot.Version;
        record.State.CheckpointedAt = Now;
        await record.WriteStateAsync();
        // The store holds the bytes now; the grain need not (the cells are in the arrays): ~150 B/cell less.
        // Every write of the record goes through here, so a later write never drops the checkpoint.
        record.State.Snapshot = null;
        _lastCheckpoint = Now;
    }

    public Task Deactivate(bool checkpointFirst)
    {
        _skipCheckpoint = !checkpointFirst;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task Delete()
    {
        Telemetry.TwinTelemetry.ForgetShard(Name);
        _timer?.Dispose();
        _timer = null;
        _cells = null;
        _loading = null;
        await record.ClearStateAsync();
        DeactivateOnIdle();
    }

    /// <summary>Under a wall clock, a read first brings every cell to the present (lazy advance). A summary spends
    /// at most a tenth of a tick on it: a shard far behind (a fleet just started at 3600x) catches up on its own
    /// ticks and says it is behind, rather than holding up the fleet's pull of every shard for a whole budget.</summary>
    private Task CatchUp(LiveShardCells cells, bool summary = false)
    {
        if (Clock.Mode != ClockMode.WallClock) return Task.CompletedTask;
        var until = Clock.CellTime_s(Now);
        var budget = summary ? _options.MaxTickInterval / 10 : _options.MaxTickInterval;
        return LiveWork.Run(() => cells.Advance(until, budget));
    }

    private LiveClock Clock => record.State.Clock ?? throw new InvalidOperationException($"live shard {Name} is not configured");

    /// <summary>The cells, built from the setup (time zero) or restored from the checkpoint on first use, off the
    /// grain's scheduler. A damaged checkpoint fails every call with its message, not the activation.</summary>
    private Task<LiveShardCells> Cells()
    {
        if (_cells is { } loaded) return Task.FromResult(loaded);
        if (_loading is { IsFaulted: false, IsCanceled: false } loading) return loading;
        if (record.State.Setup is not { } setup) throw new InvalidOperationException($"live shard {Name} is not configured (or was stopped)");
        var (range, bytes, version, name) = (record.State.Range!, record.State.Snapshot, record.State.SchemaVersion, Name);
        return _loading = Load();

        async Task<LiveShardCells> Load()
        {
            var cells = await LiveWork.Run(() =>
            {
                var c = new LiveShardCells(setup, range, name);
                if (bytes is not null) c.Restore(LiveShardSnapshot.Read(bytes, version, name));
                return c;
            });
            record.State.Snapshot = null; // restored into the arrays; the store still holds it
            // Shards started together spread their checkpoints over the interval instead of writing at once.
            _lastCheckpoint = Now - _options.CheckpointInterval * Random.Shared.NextDouble();
            _loading = null; // nor the closure over the checkpoint's bytes
            return _cells = cells;
        }
    }

    private void StartTimer(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions
        {
            DueTime = due, Period = Timeout.InfiniteTimeSpan, KeepAlive = true, Interleave = false,
        });
    }

    /// <summary>One tick: advance every cell to the present (or by one slice of work when accelerated),
    /// refresh the counts, checkpoint when due, and schedule the next tick at the next piece due.</summary>
    private async Task Tick(CancellationToken ct)
    {
        if (record.State.Setup is null) return;
        var cells = await Cells();
        var clock = Clock;
        var accelerated = clock.Mode == ClockMode.Accelerated && !clock.Paused;
        // A shard that cannot keep up with its clock stays responsive: one tick never works longer than the tick period.
        var (until, budget) = (clock.CellTime_s(Now), accelerated ? _options.AcceleratedSlice : _options.MaxTickInterval);
        double nextDue_s;
        if (accelerated) nextDue_s = await LiveWork.Run(() => cells.Advance(until, budget), ct); // in turn with the other shards
        else if (LiveWork.TryEnter()) nextDue_s = await LiveWork.RunEntered(() => cells.Advance(until, budget), ct);
        else
        {
            // Every core is busy with other shards: try again shortly rather than hold this grain's turn in the
            // queue, so reads (the fleet's pull, a page's first value) are not kept waiting behind it.
            _timer?.Change(_options.MinTickInterval / 5, Timeout.InfiniteTimeSpan);
            return;
        }
        if (Now - _lastCheckpoint >= _options.CheckpointInterval) await Checkpoint();
        if (_timer is null) return;
        var wait = clock.Paused || cells.AllFinished ? _options.MaxTickInterval
            : accelerated || cells.Behind ? TimeSpan.FromMilliseconds(1) // yield to other grains, then the next slice
            : Clamp(clock.WallTimeOf(nextDue_s) - Now);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < _options.MinTickInterval ? _options.MinTickInterval : wait > _options.MaxTickInterval ? _options.MaxTickInterval : wait;
}
