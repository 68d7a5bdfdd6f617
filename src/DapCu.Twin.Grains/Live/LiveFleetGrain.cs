using Orleans.Concurrency;
using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace DapCu.Twin.Grains.Live;

/// <summary>Whether a live fleet's clock runs.</summary>
public enum LiveFleetStatus { Running, Paused, Finished, Stopped }

/// <summary>A live fleet in a listing: identity, size, clock and where its cells stand.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveFleetInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Scenario,
    [property: Id(2)] string Variant,
    [property: Id(3)] int Cells,
    [property: Id(4)] int Shards,
    [property: Id(5)] LiveClock Clock,
    [property: Id(6)] LiveFleetStatus Status,
    [property: Id(7)] DateTimeOffset Created,
    /// <summary>The fleet clock's present (wall clock) or its slowest running cell (accelerated).</summary>
    [property: Id(8)] double CellTime_s);

/// <summary>
/// Owns one live fleet: its shards, its clock, and the fleet-wide aggregates (pulled from the shards at
/// least once per wall second by its timer, which also keeps every shard active: a shard lost with its silo
/// is reactivated from its checkpoint by the next pull). A reminder brings the fleet grain itself back.
/// </summary>
public interface ILiveFleetGrain : IGrainWithStringKey
{
    Task<LiveFleetInfo> Start(LiveFleetSetup setup, LiveClock clock);

    /// <summary>The fleet now (interleaved: answered from the aggregates the timer keeps, never queued behind a refresh).</summary>
    [AlwaysInterleave]
    Task<LiveFleetInfo> Info();

    /// <summary>The latest aggregates, at most about one <see cref="LiveOptions.MaxTickInterval"/> old (interleaved, as <see cref="Info"/>).</summary>
    [AlwaysInterleave]
    Task<LiveAggregates> Aggregates();
    Task<LiveCellView> Cell(int cellIndex);
    Task<LiveFleetInfo> PauseClock();
    Task<LiveFleetInfo> ResumeClock();
    Task<LiveFleetInfo> Scale(ClockMode mode, double scale);
    Task StopFleet();

    /// <summary>Moves a cell from its shard to a CellGrain of its own (same state, same protocol position); returns the grain's key.</summary>
    Task<string> Promote(int cellIndex);

    /// <summary>A cell's stored state and protocol position (MessagePack), left in its shard.</summary>
    Task<PromotedCell> ExportCell(int cellIndex);

    /// <summary>Deactivates every shard (ops and test hook), with or without a checkpoint first.</summary>
    Task DeactivateShards(bool checkpointFirst);

    /// <summary>The shard keys, in cell order.</summary>
    Task<string[]> ShardKeys();
}

/// <summary>A live fleet's persisted record.</summary>
[GenerateSerializer]
public sealed class LiveFleetRecord
{
    [Id(0)] public LiveFleetSetup? Setup { get; set; }
    [Id(1)] public LiveClock? Clock { get; set; }
    [Id(2)] public int Shards { get; set; }
    [Id(3)] public LiveFleetStatus Status { get; set; }
    [Id(4)] public DateTimeOffset Created { get; set; }
    [Id(5)] public string Scenario { get; set; } = "";
}

public sealed class LiveFleetGrain(
    [PersistentState("live-fleet", EmbeddedSiloExtensions.StorageName)] IPersistentState<LiveFleetRecord> record,
    IOptions<LiveOptions> options) : Grain, ILiveFleetGrain, IRemindable
{
    private const string KeepAlive = "live-fleet-keepalive";
    private readonly LiveOptions _options = options.Value;
    private IGrainTimer? _timer;
    private LiveAggregates? _aggregates;
    private Task<LiveAggregates>? _refreshing;

    private string Id => this.GetPrimaryKeyString();
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (record.State.Setup is not null && record.State.Status != LiveFleetStatus.Stopped) StartTimer();
        return Task.CompletedTask;
    }

    public async Task<LiveFleetInfo> Start(LiveFleetSetup setup, LiveClock clock)
    {
        if (record.State.Setup is not null && record.State.Status != LiveFleetStatus.Stopped)
            throw new InvalidOperationException($"live fleet {Id} is already running");
        if (setup.Cells < 1) throw new ArgumentOutOfRangeException(nameof(setup), setup.Cells, "a live fleet needs at least one cell");
        var perShard = setup.CellsPerShard > 0 ? setup.CellsPerShard : _options.CellsPerShard;
        var shards = (setup.Cells + perShard - 1) / perShard;
        var scenario = CellEngine.LoadScenario(setup.ScenarioYaml, setup.SourcePath);
        var fleet = new LiveFleetRecord
        {
            Setup = setup with { CellsPerShard = perShard }, Clock = clock, Shards = shards,
            Status = clock.Paused ? LiveFleetStatus.Paused : LiveFleetStatus.Running, Created = Now, Scenario = scenario.Name,
        };
        // A bounded number of shards at a time: a million-cell fleet is a hundred shards, ten million a thousand,
        // and each Configure is an activation and a storage write; all at once they queue behind each other.
        await LiveFanOut.ForEach(shards, _options.StartConcurrency, s =>
        {
            var first = (int)((long)s * setup.Cells / shards);
            var next = (int)((long)(s + 1) * setup.Cells / shards);
            return Shard(s).Configure(fleet.Setup, new LiveShardRange(s, first, next - first), clock);
        });
        // Only now is the fleet visible to the interleaved reads (Info, Aggregates): its shards exist.
        record.State = fleet;
        _aggregates = null;
        await record.WriteStateAsync();
        await GrainFactory.GetGrain<ILiveFleetRegistryGrain>(LiveFleetRegistryGrain.Key).Add(Id);
        await this.RegisterOrUpdateReminder(KeepAlive, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTimer();
        return await Info(); // at once: the shards build their cells on their first tick, the timer adds them up
    }

    public Task<LiveFleetInfo> Info()
    {
        var r = Record();
        var clock = r.Clock!;
        // Before the first aggregates (a fleet just started, its cells still being built) the record says it all.
        var a = _aggregates;
        var status = a is not null && r.Status == LiveFleetStatus.Running && a.Finished + a.Promoted >= a.Cells && a.Cells > 0 ? LiveFleetStatus.Finished : r.Status;
        var time = clock.Mode == ClockMode.WallClock ? clock.CellTime_s(Now) : a is null ? 0 : double.IsFinite(a.MinCellTime_s) ? a.MinCellTime_s : a.MaxCellTime_s;
        return Task.FromResult(new LiveFleetInfo(Id, r.Scenario, r.Setup!.Variant, r.Setup.Cells, r.Shards, clock, status, r.Created, time));
    }

    public async Task<LiveAggregates> Aggregates()
    {
        Record();
        return _aggregates ?? await Refresh(); // the timer keeps it fresh
    }

    public Task<LiveCellView> Cell(int cellIndex) => ShardOf(cellIndex).Cell(cellIndex);

    public Task<LiveFleetInfo> PauseClock() => ChangeClock(c => c.Pause(Now), LiveFleetStatus.Paused);

    public Task<LiveFleetInfo> ResumeClock() => ChangeClock(c => c.Resume(Now), LiveFleetStatus.Running);

    public async Task<LiveFleetInfo> Scale(ClockMode mode, double scale)
    {
        var a = await Refresh();
        var fleetTime = double.IsFinite(a.MinCellTime_s) ? a.MinCellTime_s : a.MaxCellTime_s;
        return await ChangeClock(c => c.Rescale(mode, scale, Now, fleetTime), null);
    }

    public async Task StopFleet()
    {
        var r = Record();
        _timer?.Dispose();
        _timer = null;
        await LiveFanOut.ForEach(r.Shards, _options.StartConcurrency, s => Shard(s).Delete());
        await GrainFactory.GetGrain<ILiveFleetRegistryGrain>(LiveFleetRegistryGrain.Key).Remove(Id);
        if (await this.GetReminder(KeepAlive) is { } reminder) await this.UnregisterReminder(reminder);
        await record.ClearStateAsync();
        _aggregates = null;
        DeactivateOnIdle();
    }

    public async Task<string> Promote(int cellIndex)
    {
        var promoted = await ShardOf(cellIndex).Release(cellIndex);
        var key = $"{Id}/cell-{cellIndex}";
        await GrainFactory.GetGrain<ICellGrain>(key).Adopt(promoted);
        return key;
    }

    public Task<PromotedCell> ExportCell(int cellIndex) => ShardOf(cellIndex).Export(cellIndex);

    public Task DeactivateShards(bool checkpointFirst) =>
        Task.WhenAll(Enumerable.Range(0, Record().Shards).Select(s => Shard(s).Deactivate(checkpointFirst)));

    public Task<string[]> ShardKeys() => Task.FromResult(Enumerable.Range(0, Record().Shards).Select(ShardKey).ToArray());

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask; // activation is the point

    private async Task<LiveFleetInfo> ChangeClock(Func<LiveClock, LiveClock> change, LiveFleetStatus? status)
    {
        var r = Record();
        var clock = change(r.Clock!);
        await LiveFanOut.ForEach(r.Shards, _options.StartConcurrency, s => Shard(s).SetClock(clock));
        r.Clock = clock;
        if (status is { } st) r.Status = st;
        await record.WriteStateAsync();
        await Refresh();
        return await Info();
    }

    /// <summary>Pulls every shard's summary (advancing it to the present) and adds them up. Concurrent callers
    /// (the timer and interleaved reads) share one pull.</summary>
    private Task<LiveAggregates> Refresh() => _refreshing is { IsCompleted: false } running ? running : _refreshing = Pull();

    private async Task<LiveAggregates> Pull()
    {
        var r = Record();
        var parts = await Task.WhenAll(Enumerable.Range(0, r.Shards).Select(s => Shard(s).Summary()));
        var total = parts[0].Copy();
        foreach (var part in parts.Skip(1)) total.Merge(part);
        _aggregates = total;
        return total;
    }

    // Pulls twice per MaxTickInterval: a pull takes time too, and aggregates read between pulls must stay within it.
    private void StartTimer() => _timer ??= this.RegisterGrainTimer(async _ =>
    {
        if (record.State.Setup is not null && record.State.Status != LiveFleetStatus.Stopped) await Refresh();
    }, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = _options.MaxTickInterval / 2, KeepAlive = true });

    private LiveFleetRecord Record() =>
        record.State.Setup is not null && record.State.Status != LiveFleetStatus.Stopped ? record.State
        : throw new KeyNotFoundException($"no live fleet '{Id}'");

    private string ShardKey(int s) => $"{Id}/shard-{s}";

    private ILiveShardGrain Shard(int s) => GrainFactory.GetGrain<ILiveShardGrain>(ShardKey(s));

    private ILiveShardGrain ShardOf(int cellIndex)
    {
        var r = Record();
        if (cellIndex < 0 || cellIndex >= r.Setup!.Cells)
            throw new ArgumentOutOfRangeException(nameof(cellIndex), cellIndex, $"live fleet {Id} has cells 0 to {r.Setup!.Cells - 1}");
        // Shards split the cells as Start did: shard s owns [s N / S, (s + 1) N / S).
        var s = (int)((long)cellIndex * r.Shards / r.Setup.Cells);
        while ((long)s * r.Setup.Cells / r.Shards > cellIndex) s--;
        while ((long)(s + 1) * r.Setup.Cells / r.Shards <= cellIndex) s++;
        return Shard(s);
    }
}
