using Orleans.Concurrency;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Fleets;

/// <summary>
/// Owns one variant's fleet: splits it into shards, fans the work out in batches, and merges the shards'
/// statistics (fixed-bin histograms add up) without ever pulling a cell's curve through this grain.
/// </summary>
public interface IFleetGrain : IGrainWithStringKey
{
    Task<FleetStatistics> Run(FleetSetup setup, int cells, CancellationToken ct);

    /// <summary>Fraction of cells done; answers while <see cref="Run"/> is in progress.</summary>
    [AlwaysInterleave]
    Task<double> Progress();
}

public sealed class FleetGrain : Grain, IFleetGrain
{
    /// <summary>Largest shard: 10k cells as struct arrays is a few MB and a few seconds of work per batch.</summary>
    public const int MaxCellsPerShard = 10_000;

    /// <summary>Cells per batch call: enough to amortise the call, small enough for progress and Ctrl-C.</summary>
    public const int CellsPerBatch = 250;

    private int _cells, _done;

    public async Task<FleetStatistics> Run(FleetSetup setup, int cells, CancellationToken ct)
    {
        (_cells, _done) = (cells, 0);
        // At least one shard per core so the silo's scheduler keeps every core busy.
        int shards = Math.Max((cells + MaxCellsPerShard - 1) / MaxCellsPerShard, Math.Min(cells, Environment.ProcessorCount));
        var grains = new List<IFleetShardGrain>();
        var work = new List<Task>();
        for (int s = 0; s < shards; s++)
        {
            int first = (int)((long)s * cells / shards), next = (int)((long)(s + 1) * cells / shards);
            var shard = GrainFactory.GetGrain<IFleetShardGrain>($"{this.GetPrimaryKeyString()}/shard-{s}");
            grains.Add(shard);
            work.Add(RunShard(shard, setup, new FleetShardRange(first, next - first), ct));
        }
        await Task.WhenAll(work);

        var total = new FleetStatistics(setup.Bins);
        foreach (var shard in grains) total.Merge(await shard.Statistics());
        return total;
    }

    public Task<double> Progress() => Task.FromResult(_cells == 0 ? 0.0 : (double)Volatile.Read(ref _done) / _cells);

    private async Task RunShard(IFleetShardGrain shard, FleetSetup setup, FleetShardRange range, CancellationToken ct)
    {
        await shard.Configure(setup, range);
        int done = 0;
        while (done < range.CellCount)
        {
            int now = await shard.RunBatch(CellsPerBatch, ct);
            _done += now - done;
            done = now;
        }
    }
}
