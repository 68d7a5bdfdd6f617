using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Grains.Live;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running.Cursor;
using MessagePack;
using Microsoft.Extensions.Options;

namespace DapCu.Twin.Grains.Cells;

/// <summary>One virtual cell with an identity of its own (a single-cell experiment, an emulated channel,
/// a drill-down promoted from a live fleet). It owns its design, parameters and model state; it never ticks
/// on a timer but advances when it is driven, so an idle cell costs memory only. Its state is written on a
/// checkpoint policy (at most every <see cref="LiveOptions.CellCheckpointInterval"/> while it changes, and on
/// deactivation), not on every call.</summary>
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

    /// <summary>Takes over a cell from a live shard: same setup, state and protocol position.</summary>
    Task Adopt(PromotedCell cell);

    /// <summary>Continues the cell's protocol (from where it was adopted, or from assembly) up to a cell time.</summary>
    Task<CellProgress> ContinueProtocol(double until_s);

    /// <summary>The model state and protocol position as MessagePack (bit-for-bit comparisons).</summary>
    Task<PromotedCell> Export();

    /// <summary>Writes the state now.</summary>
    Task Checkpoint();

    /// <summary>Deactivates (ops and test hook): with a checkpoint first, or without, as if its silo had died.</summary>
    Task Deactivate(bool checkpointFirst);
}

/// <summary>Where a cell driven through its protocol stands, with the cycles completed by this call.</summary>
[GenerateSerializer, Immutable]
public sealed record CellProgress([property: Id(0)] double Time_s, [property: Id(1)] int CompletedCycles, [property: Id(2)] bool Finished,
    [property: Id(3)] CycleRecord[] NewCycles);

/// <summary>Persisted state: the setup to rebuild the model, the model state and protocol position as MessagePack snapshots.</summary>
[GenerateSerializer]
public sealed class CellGrainState
{
    [Id(0)] public CellSetup? Setup { get; set; }
    [Id(1)] public byte[]? Snapshot { get; set; }
    [Id(2)] public byte[]? Position { get; set; }
}

public sealed class CellGrain(
    [PersistentState("cell", EmbeddedSiloExtensions.StorageName)] IPersistentState<CellGrainState> state,
    IOptions<LiveOptions> options) : Grain, ICellGrain
{
    private readonly TimeSpan _checkpointInterval = options.Value.CellCheckpointInterval;
    private CellEngine.Cell? _cell;
    private CellState _state;
    private ProtocolPosition _position = ProtocolPosition.Start;
    private bool _loaded, _dirty, _skipCheckpoint;
    private IGrainTimer? _checkpointTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Snapshot is { } snapshot)
        {
            _state = CellEngine.Restore(snapshot);
            if (state.State.Position is { } position) _position = MessagePackSerializer.Deserialize<ProtocolPosition>(position, cancellationToken: cancellationToken);
            _loaded = true;
        }
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty && !_skipCheckpoint) await Checkpoint();
    }

    public async Task Configure(CellSetup setup)
    {
        _cell = CellEngine.Shared(setup);
        state.State.Setup = Interned(setup, _cell);
        _state = _cell.InitialState();
        _position = ProtocolPosition.Start;
        _loaded = true;
        await Checkpoint();
    }

    public async Task Adopt(PromotedCell cell)
    {
        _cell = CellEngine.Shared(cell.Setup);
        state.State.Setup = Interned(cell.Setup, _cell);
        _state = CellEngine.Restore(cell.State);
        _position = MessagePackSerializer.Deserialize<ProtocolPosition>(cell.Position);
        _loaded = true;
        await Checkpoint(); // the shard has let go of it: write at once
    }

    public async Task<RunResult> RunProtocol(double outputResolution_s, CancellationToken ct)
    {
        var cell = Cell();
        // A long run (4000 h) is seconds of CPU: do it off the silo's scheduler; the grain stays non-reentrant.
        var (result, final) = await Task.Factory.StartNew(() => cell.RunProtocol(outputResolution_s, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _state = final;
        _position = ProtocolPosition.Start with { Finished = true };
        Changed();
        return result;
    }

    public Task<TerminalReading> Advance(double current_mA_cm2, double duration_s)
    {
        var cell = Cell();
        var reading = cell.Advance(ref _state, current_mA_cm2, duration_s);
        Changed();
        return Task.FromResult(reading);
    }

    public Task<double> Time_s()
    {
        if (state.State.Setup is not null) Cell();
        return Task.FromResult(_loaded ? _state.Time_s : 0.0);
    }

    public async Task<CellProgress> ContinueProtocol(double until_s)
    {
        var cell = Cell();
        var observer = new RunResultObserver();
        var (s, p, cursor) = (_state, _position, cell.Definition.Cursor);
        (s, p) = await Task.Factory.StartNew(() =>
        {
            cursor.AdvanceTo(ref s, ref p, until_s, observer);
            return (s, p);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        (_state, _position) = (s, p);
        Changed();
        return new CellProgress(_state.Time_s, _position.CompletedCycles, _position.Finished, observer.Result.Cycles.ToArray());
    }

    public Task<PromotedCell> Export()
    {
        Cell();
        return Task.FromResult(new PromotedCell(state.State.Setup!, CellEngine.Snapshot(_state), MessagePackSerializer.Serialize(_position)));
    }

    public async Task Checkpoint()
    {
        state.State.Snapshot = CellEngine.Snapshot(_state);
        state.State.Position = MessagePackSerializer.Serialize(_position);
        await state.WriteStateAsync();
        _dirty = false;
    }

    public Task Deactivate(bool checkpointFirst)
    {
        _skipCheckpoint = !checkpointFirst;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Marks the state changed; one timer writes it once the checkpoint interval has passed. The first
    /// write comes after a random 50-100 % of the interval, so cells driven together do not all write in the same second.</summary>
    private void Changed()
    {
        _dirty = true;
        _checkpointTimer ??= this.RegisterGrainTimer(async _ =>
        {
            if (_dirty) await Checkpoint();
        }, new GrainTimerCreationOptions { DueTime = _checkpointInterval * (0.5 + 0.5 * Random.Shared.NextDouble()), Period = _checkpointInterval, KeepAlive = false });
    }

    /// <summary>The setup as kept in memory, its scenario text the one string all cells of that text share.</summary>
    private static CellSetup Interned(CellSetup setup, CellEngine.Cell cell) =>
        ReferenceEquals(setup.ScenarioYaml, cell.Definition.Yaml) ? setup : setup with { ScenarioYaml = cell.Definition.Yaml };

    /// <summary>The model, rebuilt from the persisted setup after a reactivation.</summary>
    private CellEngine.Cell Cell()
    {
        if (_cell is not null) return _cell;
        _cell = CellEngine.Shared(state.State.Setup ?? throw new InvalidOperationException($"cell {this.GetPrimaryKeyString()} is not configured"));
        state.State.Setup = Interned(state.State.Setup, _cell);
        if (!_loaded) { _state = _cell.InitialState(); _loaded = true; }
        return _cell;
    }
}
