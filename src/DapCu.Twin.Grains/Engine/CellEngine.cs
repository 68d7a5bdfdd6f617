using System.Collections.Concurrent;
using System.Globalization;
using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running;
using DapCu.Twin.Protocols.Running.Cursor;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;
using MessagePack;

namespace DapCu.Twin.Grains.Engine;

/// <summary>
/// The one place grains touch the physics engine and the scenario model: rebuilding a cell from its setup,
/// running a protocol, stepping, and MessagePack snapshots of the model state.
/// </summary>
public static class CellEngine
{
    // Parsing YAML per cell would dominate a fleet: one parse per distinct scenario text.
    private static readonly ConcurrentDictionary<(string Path, string Yaml), Scenario> Scenarios = new();

    public static Scenario LoadScenario(string yaml, string sourcePath) =>
        Scenarios.GetOrAdd((sourcePath, yaml), key => ScenarioSource.Load(key.Yaml, key.Path));

    /// <summary>A cell with a definition (model, protocol) of its own.</summary>
    public static Cell Build(CellSetup setup) => new(Define(setup), setup.Seed);

    /// <summary>A cell whose definition is shared with every live cell built from the same scenario text, variant
    /// and overrides (CellGrains: 100,000 of them cost one model, not 100,000). Definitions are held weakly: the
    /// last cell to drop one frees it.</summary>
    public static Cell Shared(CellSetup setup)
    {
        var key = new DefinitionKey(setup.SourcePath, setup.ScenarioYaml, setup.Variant, OverridesKey(setup.Overrides));
        if (Definitions.TryGetValue(key, out var weak) && weak.TryGetTarget(out var known)) return new Cell(known, setup.Seed);
        var built = Define(setup);
        Definitions[key] = new WeakReference<Definition>(built);
        if (Definitions.Count > _sweepAt) Sweep();
        return new Cell(built, setup.Seed);
    }

    private static readonly ConcurrentDictionary<DefinitionKey, WeakReference<Definition>> Definitions = new();
    private static int _sweepAt = 256;

    private readonly record struct DefinitionKey(string Path, string Yaml, string Variant, string Overrides);

    private static string OverridesKey(CellOverride[] overrides) =>
        overrides.Length == 0 ? "" : string.Join(';', overrides.Select(o => o.Key + "=" + o.Value.ToString("R", CultureInfo.InvariantCulture)));

    private static void Sweep()
    {
        foreach (var (key, weak) in Definitions)
            if (!weak.TryGetTarget(out _)) Definitions.TryRemove(key, out _);
        _sweepAt = Math.Max(256, 2 * Definitions.Count);
    }

    private static Definition Define(CellSetup setup)
    {
        var job = new CellJob(LoadScenario(setup.ScenarioYaml, setup.SourcePath), setup.Variant,
            setup.Overrides.Select(o => new ParameterOverride(o.Key, o.Value)).ToArray(), setup.Seed);
        var (scenario, spec) = job.Resolve();
        return new Definition(setup.ScenarioYaml, scenario, spec);
    }

    /// <summary>Output resolution that records no time series (fleet members need only their cycles).</summary>
    public const double NoTimeSeries = 0;

    public static byte[] Snapshot(in CellState state) => MessagePackSerializer.Serialize(state);

    public static CellState Restore(byte[] snapshot) => MessagePackSerializer.Deserialize<CellState>(snapshot);

    /// <summary>What cells of one scenario variant share, immutable: the model, the protocol and its compiled cursor.</summary>
    public sealed class Definition(string yaml, Scenario scenario, CellSpec spec)
    {
        private ProtocolCursor? _cursor;

        /// <summary>The scenario text this was built from (one string for all the cells sharing it).</summary>
        public string Yaml { get; } = yaml;
        public Scenario Scenario { get; } = scenario;
        public CellSpec Spec { get; } = spec;
        public CellModel Model { get; } = new(spec.Design, spec.Parameters);
        public Protocols.Model.Protocol Protocol => CellJob.ProtocolOf(Scenario, Spec);

        /// <summary>The protocol compiled once (the cursor holds no per-cell state; a race builds it twice, harmlessly).</summary>
        public ProtocolCursor Cursor => _cursor ??= new ProtocolCursor(Model, ProtocolProgram.Compile(Protocol));
    }

    /// <summary>A built cell: the engine's model of one scenario variant, with its seed.</summary>
    public sealed class Cell(Definition definition, int seed)
    {
        public Definition Definition => definition;

        /// <summary>The engine's model of this cell (shared read-only by live shards and cursors).</summary>
        public CellModel Model => definition.Model;

        /// <summary>The protocol this cell runs.</summary>
        public Protocols.Model.Protocol Protocol => definition.Protocol;

        /// <summary>Seeded exactly as <see cref="ScenarioRunner.RunCell(CellSpec, Protocols.Model.Protocol, int, double, CancellationToken)"/> seeds it.</summary>
        public CellState InitialState() => Model.CreateInitialState(ScenarioRunner.CellSeed(seed, definition.Spec.Label));

        /// <summary>Runs the scenario's protocol from assembly, exactly as <see cref="ScenarioRunner.RunCell"/> does.</summary>
        public (RunResult Result, CellState Final) RunProtocol(double outputResolution_s, CancellationToken ct)
        {
            using var activity = Telemetry.TwinTelemetry.Activities.StartActivity("dapcu.cell.run");
            activity?.SetTag("dapcu.scenario", definition.Scenario.Name);
            activity?.SetTag("dapcu.variant", definition.Spec.Label);
            var runner = ProtocolRunner.Start(Model, InitialState(), Protocol,
                new RunOptions { OutputResolution_s = outputResolution_s }, ct);
            Telemetry.TwinTelemetry.CellFinished(runner.Result, definition.Spec.Label);
            return (runner.Result, runner.FinalState);
        }

        public TerminalReading Advance(ref CellState state, double current_mA_cm2, double duration_s)
        {
            Model.Advance(ref state, current_mA_cm2, duration_s);
            return new TerminalReading(state.Time_s, Model.Voltage_V(state, current_mA_cm2),
                current_mA_cm2 * definition.Spec.Design.Area_cm2 / 1000.0, state.Shorted);
        }
    }
}
