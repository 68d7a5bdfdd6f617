using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Fleets;

/// <summary>
/// Owns a contiguous range of a fleet's cells (thousands) as a struct array of model states and runs
/// them in batches: one call advances many cells through the whole protocol, never one message per step.
/// Statistics accumulate here; the fleet grain collects them once at the end.
/// </summary>
public interface IFleetShardGrain : IGrainWithStringKey
{
    Task Configure(FleetSetup setup, FleetShardRange range);

    /// <summary>Runs up to <paramref name="maxCells"/> more of this shard's cells; returns how many are done.</summary>
    Task<int> RunBatch(int maxCells, CancellationToken ct);

    /// <summary>The statistics of the cells run so far.</summary>
    Task<FleetStatistics> Statistics();
}

public sealed class FleetShardGrain : Grain, IFleetShardGrain
{
    private FleetSetup? _setup;
    private FleetShardRange? _range;
    private FleetSampler? _sampler;
    private FleetStatistics? _statistics;
    /// <summary>Final model state of each cell, index = cell − FirstCell (kept for drill-down).</summary>
    private CellState[] _states = [];
    private int _done;

    public Task Configure(FleetSetup setup, FleetShardRange range)
    {
        var scenario = CellEngine.LoadScenario(setup.ScenarioYaml, setup.SourcePath);
        var spec = FleetSpec.Parse(scenario.FleetNode ?? throw new InvalidOperationException($"{setup.SourcePath} declares no fleet"),
            setup.SourcePath, scenario.Seed);
        (_setup, _range, _done) = (setup, range, 0);
        _sampler = new FleetSampler(spec, key => Scenarios.Execution.ScenarioValues.Get(scenario, setup.Variant, key));
        _statistics = new FleetStatistics(setup.Bins);
        _states = new CellState[range.CellCount];
        return Task.CompletedTask;
    }

    /// <summary>The batch is CPU work of seconds: run it on a thread of its own, off the silo's scheduler and the
    /// thread pool Orleans needs for messaging (the grain is not reentrant,
    /// so nothing else touches the arrays meanwhile).</summary>
    public Task<int> RunBatch(int maxCells, CancellationToken ct) =>
        Task.Factory.StartNew(() => RunCells(maxCells, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private int RunCells(int maxCells, CancellationToken ct)
    {
        var (setup, range) = (_setup!, _range!);
        int end = Math.Min(range.CellCount, _done + maxCells);
        for (; _done < end; _done++)
        {
            ct.ThrowIfCancellationRequested();
            var draw = _sampler!.Draw(range.FirstCell + _done);
            var cell = CellEngine.Build(new Cells.CellSetup(setup.ScenarioYaml, setup.SourcePath, setup.Variant,
                draw.Overrides.Select(o => new Cells.CellOverride(o.Key, o.Value)).ToArray(), draw.Seed));
            var (result, final) = cell.RunProtocol(CellEngine.NoTimeSeries, ct);
            _statistics!.AddCell(result);
            _states[_done] = final;
        }
        return _done;
    }

    public Task<FleetStatistics> Statistics() => Task.FromResult(_statistics!);
}
