using DapCu.Twin.Grains.Fleets;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Execution;

/// <summary>Runs a variant's fleet on a <see cref="IFleetGrain"/>: start it, poll it, collect the statistics.</summary>
public sealed class GrainFleetExecutor(IGrainFactory grains) : IFleetExecutor
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<FleetStatistics> RunAsync(FleetJob job, IProgress<double>? progress, CancellationToken ct)
    {
        var setup = new FleetSetup(ScenarioSource.Text(job.Scenario), job.Scenario.SourcePath, job.Variant, job.Bins);
        var fleet = grains.GetGrain<IFleetGrain>($"{job.Scenario.Name}/{job.Variant}/{Guid.NewGuid():N}");
        await fleet.Start(setup, job.FirstCell, job.CellCount);
        try
        {
            while (true)
            {
                var status = await fleet.Poll();
                progress?.Report(status.Fraction);
                if (status.Done)
                {
                    if (status.Error is not null) throw new InvalidOperationException($"fleet {job.Variant}: {status.Error}");
                    return await fleet.Result();
                }
                await Task.Delay(PollInterval, ct);
            }
        }
        catch (OperationCanceledException)
        {
            await fleet.Cancel();
            throw;
        }
    }
}
