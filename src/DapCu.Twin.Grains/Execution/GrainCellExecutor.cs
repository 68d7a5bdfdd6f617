using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Scenarios.Execution;

namespace DapCu.Twin.Grains.Execution;

/// <summary>Runs each cell job on its own <see cref="ICellGrain"/>.</summary>
public sealed class GrainCellExecutor(IGrainFactory grains) : ICellExecutor
{
    public async Task<RunResult> RunAsync(CellJob job, CancellationToken ct)
    {
        var setup = new CellSetup(ScenarioSource.Text(job.Scenario), job.Scenario.SourcePath, job.Variant,
            job.Overrides.Select(o => new CellOverride(o.Key, o.Value)).ToArray(), job.Seed);
        var cell = grains.GetGrain<ICellGrain>(CellKey(job));
        await cell.Configure(setup);
        return await cell.RunProtocol(job.Scenario.OutputResolution_s, ct);
    }

    /// <summary>scenario/variant[/key=value...]/seed: the same cell gets the same grain.</summary>
    public static string CellKey(CellJob job) =>
        string.Join('/', new[] { job.Scenario.Name, job.Variant }
            .Concat(job.Overrides.Select(o => $"{o.Key}={o.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"))
            .Append($"seed={job.Seed}"));
}
