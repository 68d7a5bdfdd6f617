using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Protocols.Running.Cursor;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Live;

/// <summary>
/// The models of a live fleet's cells, rebuilt from the setup on any silo. A fleet without spread shares one
/// model and cursor among all its cells (a cell then costs only its state and position); with spread each
/// cell has its own model, built when the shard activates (the price of cell-to-cell variation, see docs/scale.md).
/// </summary>
public sealed class LiveCellModels
{
    private readonly LiveFleetSetup _setup;
    private readonly FleetSampler? _sampler;
    private readonly ProtocolCursor? _shared;
    private readonly int _fleetSeed;

    public LiveCellModels(LiveFleetSetup setup)
    {
        _setup = setup;
        var scenario = CellEngine.LoadScenario(setup.ScenarioYaml, setup.SourcePath);
        var spec = scenario.FleetNode is { } node ? FleetSpec.Parse(node, setup.SourcePath, scenario.Seed) : null;
        _fleetSeed = spec?.Seed ?? scenario.Seed;
        if (spec is { Spreads.Count: > 0 })
            _sampler = new FleetSampler(spec, key => ScenarioValues.Get(scenario, setup.Variant, key));
        var nominal = CellEngine.Build(new CellSetup(setup.ScenarioYaml, setup.SourcePath, setup.Variant, [], scenario.Seed));
        Program = ProtocolProgram.Compile(nominal.Protocol);
        Nominal = new ProtocolCursor(nominal.Model, Program);
        if (_sampler is null) _shared = Nominal;
    }

    /// <summary>The protocol every cell runs, flattened once.</summary>
    public ProtocolProgram Program { get; }

    /// <summary>The cursor of the scenario's nominal cell (histogram scales, names).</summary>
    public ProtocolCursor Nominal { get; }

    /// <summary>True when all cells share one model.</summary>
    public bool Shared => _shared is not null;

    /// <summary>What the cell needs to be rebuilt on its own (a promoted CellGrain): scenario, variant, drawn parameters, seed.</summary>
    public CellSetup Setup(int cellIndex)
    {
        if (_sampler is null)
            return new CellSetup(_setup.ScenarioYaml, _setup.SourcePath, _setup.Variant, [], FleetSampler.CellSeed(_fleetSeed, cellIndex));
        var draw = _sampler.Draw(cellIndex);
        return new CellSetup(_setup.ScenarioYaml, _setup.SourcePath, _setup.Variant,
            draw.Overrides.Select(o => new CellOverride(o.Key, o.Value)).ToArray(), draw.Seed);
    }

    /// <summary>The cursor a cell runs on (the shared one, or its own model's).</summary>
    public ProtocolCursor Cursor(int cellIndex) => _shared ?? BuildCursor(cellIndex);

    /// <summary>The cell as assembled, seeded as a batch fleet member is.</summary>
    public CellState InitialState(int cellIndex) => _shared is { } shared
        ? shared.Model.CreateInitialState(ScenarioRunner.CellSeed(Setup(cellIndex).Seed, _setup.Variant)) // as CellEngine.Cell seeds it
        : CellEngine.Build(Setup(cellIndex)).InitialState();

    private ProtocolCursor BuildCursor(int cellIndex) => new(CellEngine.Build(Setup(cellIndex)).Model, Program);
}
