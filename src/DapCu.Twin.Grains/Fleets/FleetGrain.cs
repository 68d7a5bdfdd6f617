using DapCu.Twin.Scenarios.Fleets;
using Orleans.Concurrency;

namespace DapCu.Twin.Grains.Fleets;

/// <summary>Where a fleet run is: fraction of cells done, and whether it finished (or why it failed).</summary>
[GenerateSerializer, Immutable]
public sealed record FleetStatus([property: Id(0)] double Fraction, [property: Id(1)] bool Done, [property: Id(2)] string? Error);

/// <summary>
/// Owns one variant's fleet: splits it into shards, fans the work out in batches, and merges the shards'
/// statistics (fixed-bin histograms add up) without ever pulling a cell's curve through this grain.
/// A fleet takes minutes, far longer than any call should: <see cref="Start"/> returns at once and the
/// caller polls, so no request ever waits on the whole fleet.
/// </summary>
public interface IFleetGrain : IGrainWithStringKey
{
    /// <summary>Runs the fleet's cells [firstCell, firstCell + cells).</summary>
    Task Start(FleetSetup setup, int firstCell, int cells);

    [AlwaysInterleave]
    Task<FleetStatus> Poll();

    [AlwaysInterleave]
    Task Cancel();

    /// <summary>The merged statistics once <see cref="Poll"/> says done.</summary>
    Task<FleetStatistics> Result();
}

public sealed class FleetGrain : Grain, IFleetGrain, IDisposable
{
    /// <summary>Largest shard: 10k cells as struct arrays is a few MB and a few seconds of work per batch.</summary>
    public const int MaxCellsPerShard = 10_000;

    /// <summary>Cells per batch call: enough to amortise the call, small enough for progress and Ctrl-C.</summary>
    public const int CellsPerBatch = 250;

    private readonly CancellationTokenSource _cancel = new();
    private Task<FleetStatistics>? _run;
    private int _cells, _done;

    public Task Start(FleetSetup setup, int firstCell, int cells)
    {
        if (_run is not null) throw new InvalidOperationException($"fleet {this.GetPrimaryKeyString()} was already started");
        _cells = cells;
        _run = RunAsync(setup, firstCell, cells, _cancel.Token); // runs on in this activation's scheduler
        return Task.CompletedTask;
    }

    public Task<FleetStatus> Poll() => Task.FromResult(_run switch
    {
        null => new FleetStatus(0, false, "not started"),
        { IsFaulted: true } r => new FleetStatus(Fraction(), true, r.Exception!.GetBaseException().Message),
        { IsCanceled: true } => new FleetStatus(Fraction(), true, "cancelled"),
        { IsCompleted: true } => new FleetStatus(1, true, null),
        _ => new FleetStatus(Fraction(), false, null),
    });

    public Task Cancel()
    {
        _cancel.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>An activation that goes away stops its shards' work and releases the token source.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }

    public Task<FleetStatistics> Result() => _run ?? throw new InvalidOperationException("fleet not started");

    private double Fraction() => _cells == 0 ? 0 : (double)_done / _cells;

    private async Task<FleetStatistics> RunAsync(FleetSetup setup, int firstCell, int cells, CancellationToken ct)
    {
        // At least one shard per core so the silo keeps every core busy.
        int shards = Math.Max((cells + MaxCellsPerShard - 1) / MaxCellsPerShard, Math.Min(cells, Environment.ProcessorCount));
        var grains = new List<IFleetShardGrain>();
        var work = new List<Task>();
        for (int s = 0; s < shards; s++)
        {
            int first = (int)((long)s * cells / shards), next = (int)((long)(s + 1) * cells / shards);
            var shard = GrainFactory.GetGrain<IFleetShardGrain>($"{this.GetPrimaryKeyString()}/shard-{s}");
            grains.Add(shard);
            work.Add(RunShard(shard, setup, new FleetShardRange(firstCell + first, next - first), ct));
        }
        await Task.WhenAll(work);

        var total = new FleetStatistics(setup.Bins);
        foreach (var shard in grains) total.Merge(await shard.Statistics());
        return total;
    }

    private async Task RunShard(IFleetShardGrain shard, FleetSetup setup, FleetShardRange range, CancellationToken ct)
    {
        await shard.Configure(setup, range);
        int done = 0;
        while (done < range.CellCount)
        {
            ct.ThrowIfCancellationRequested();
            int now = await shard.RunBatch(CellsPerBatch, ct);
            _done += now - done; // continuations run one at a time on this activation
            done = now;
        }
    }
}
