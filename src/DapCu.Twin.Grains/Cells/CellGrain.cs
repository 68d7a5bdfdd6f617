using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Grains.Cells;

/// <summary>One virtual cell with an identity of its own (a single-cell experiment, an emulated channel,
/// a drill-down). It owns its design, parameters and model state; it never ticks on a timer but advances
/// when it is driven, so an idle cell costs memory only.</summary>
public interface ICellGrain : IGrainWithStringKey
{
    /// <summary>Builds the cell as assembled (time zero), replacing any earlier one.</summary>
    Task Configure(CellSetup setup);

    /// <summary>Runs the scenario's protocol from assembly and keeps the final state.</summary>
    Task<RunResult> RunProtocol(double outputResolution_s, CancellationToken ct);

    /// <summary>Applies a constant current density for a duration from the current state (drive mode).</summary>
    Task<TerminalReading> Advance(double current_mA_cm2, double duration_s);

    /// <summary>Cell time since assembly.</summary>
    Task<double> Time_s();
}

/// <summary>Persisted state: the setup to rebuild the model and the model state as a MessagePack snapshot.</summary>
[GenerateSerializer]
public sealed class CellGrainState
{
    [Id(0)] public CellSetup? Setup { get; set; }
    [Id(1)] public byte[]? Snapshot { get; set; }
}

public sealed class CellGrain(
    [PersistentState("cell", EmbeddedSiloExtensions.StorageName)] IPersistentState<CellGrainState> state) : Grain, ICellGrain
{
    private CellEngine.Cell? _cell;

    public async Task Configure(CellSetup setup)
    {
        _cell = CellEngine.Build(setup);
        state.State.Setup = setup;
        state.State.Snapshot = CellEngine.Snapshot(_cell.InitialState());
        await state.WriteStateAsync();
    }

    public async Task<RunResult> RunProtocol(double outputResolution_s, CancellationToken ct)
    {
        var cell = Cell();
        // A long run (4000 h) is seconds of CPU: do it off the silo's scheduler; the grain stays non-reentrant.
        var (result, final) = await Task.Factory.StartNew(() => cell.RunProtocol(outputResolution_s, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        state.State.Snapshot = CellEngine.Snapshot(final);
        // The finished run is stored even if the caller has stopped waiting for it.
        await state.WriteStateAsync(CancellationToken.None);
        return result;
    }

    public async Task<TerminalReading> Advance(double current_mA_cm2, double duration_s)
    {
        var cell = Cell();
        var cellState = CellEngine.Restore(state.State.Snapshot!);
        var reading = cell.Advance(ref cellState, current_mA_cm2, duration_s);
        state.State.Snapshot = CellEngine.Snapshot(cellState);
        await state.WriteStateAsync();
        return reading;
    }

    public Task<double> Time_s() =>
        Task.FromResult(state.State.Snapshot is null ? 0.0 : CellEngine.Restore(state.State.Snapshot).Time_s);

    /// <summary>The model, rebuilt from the persisted setup after a reactivation.</summary>
    private CellEngine.Cell Cell() =>
        _cell ??= CellEngine.Build(state.State.Setup ?? throw new InvalidOperationException($"cell {this.GetPrimaryKeyString()} is not configured"));
}
