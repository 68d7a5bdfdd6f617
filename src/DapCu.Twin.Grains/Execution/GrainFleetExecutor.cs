using DapCu.Twin.Grains.Fleets;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Execution;

/// <summary>Runs a variant's fleet on a <see cref="IFleetGrain"/> and polls it for progress.</summary>
public sealed class GrainFleetExecutor(IGrainFactory grains) : IFleetExecutor
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public async Task<FleetStatistics> RunAsync(FleetJob job, IProgress<double>? progress, CancellationToken ct)
    {
        var setup = new FleetSetup(ScenarioSource.Text(job.Scenario), job.Scenario.SourcePath, job.Variant, job.Bins);
        var fleet = grains.GetGrain<IFleetGrain>($"{job.Scenario.Name}/{job.Variant}/{Guid.NewGuid():N}");
        var run = fleet.Run(setup, job.Spec.Cells, ct);
        while (progress is not null && await Task.WhenAny(run, Task.Delay(ProgressInterval, ct)) != run)
            progress.Report(await fleet.Progress());
        return await run;
    }
}
