using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Scenarios.Execution;

/// <summary>Runs single cells: in this process (<see cref="DirectCellExecutor"/>) or on grains.</summary>
public interface ICellExecutor
{
    Task<RunResult> RunAsync(CellJob job, CancellationToken ct);
}

/// <summary>Runs cells on the thread pool of this process, straight on the physics engine.</summary>
public sealed class DirectCellExecutor : ICellExecutor
{
    public static readonly DirectCellExecutor Instance = new();

    public Task<RunResult> RunAsync(CellJob job, CancellationToken ct) => Task.Run(() =>
    {
        var (scenario, cell) = job.Resolve();
        return ScenarioRunner.RunCell(cell, CellJob.ProtocolOf(scenario, cell), job.Seed, scenario.OutputResolution_s, ct);
    }, ct);
}
