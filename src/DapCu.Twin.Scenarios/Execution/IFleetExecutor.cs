using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Scenarios.Execution;

/// <summary>One variant's fleet: the scenario, which variant, the spread, and the bins all shards share; or the
/// part of it from cell <see cref="FirstCell"/> on (a checkpointed shard of a large fleet).</summary>
public sealed record FleetJob(Scenario Scenario, string Variant, FleetSpec Spec, FleetBins Bins)
{
    public int FirstCell { get; init; }
    public int? Count { get; init; }
    public int CellCount => Count ?? Spec.Cells - FirstCell;
}

/// <summary>Runs a fleet and returns its merged statistics: on grains (shards) or in this process.</summary>
public interface IFleetExecutor
{
    Task<FleetStatistics> RunAsync(FleetJob job, IProgress<double>? progress, CancellationToken ct);
}

/// <summary>
/// The raw-engine fleet: every cell on the thread pool of this process, statistics merged per worker.
/// The reference the grain fleet is checked and benchmarked against.
/// </summary>
public sealed class DirectFleetExecutor(int parallelism) : IFleetExecutor
{
    public async Task<FleetStatistics> RunAsync(FleetJob job, IProgress<double>? progress, CancellationToken ct)
    {
        var sampler = new FleetSampler(job.Spec, key => ScenarioValues.Get(job.Scenario, job.Variant, key));
        var partials = new FleetStatistics[parallelism];
        int done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, parallelism), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            (worker, token) =>
            {
                var statistics = new FleetStatistics(job.Bins);
                for (int index = job.FirstCell + worker; index < job.FirstCell + job.CellCount; index += parallelism)
                {
                    var draw = sampler.Draw(index);
                    var (scenario, cell) = new CellJob(job.Scenario, job.Variant, draw.Overrides, draw.Seed).Resolve();
                    statistics.AddCell(ScenarioRunner.RunCell(cell, CellJob.ProtocolOf(scenario, cell), draw.Seed, FleetOutputResolution_s, token));
                    progress?.Report((double)Interlocked.Increment(ref done) / job.CellCount);
                }
                partials[worker] = statistics;
                return ValueTask.CompletedTask;
            });
        var total = new FleetStatistics(job.Bins);
        foreach (var p in partials) total.Merge(p);
        return total;
    }

    /// <summary>Fleet members keep no time series (0 = none): their cycle records are all the statistics need.</summary>
    public const double FleetOutputResolution_s = 0;
}
