using System.Collections.Concurrent;
using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running;
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

    public static Cell Build(CellSetup setup)
    {
        var job = new CellJob(LoadScenario(setup.ScenarioYaml, setup.SourcePath), setup.Variant,
            setup.Overrides.Select(o => new ParameterOverride(o.Key, o.Value)).ToArray(), setup.Seed);
        var (scenario, spec) = job.Resolve();
        return new Cell(scenario, spec, job.Seed);
    }

    /// <summary>Output resolution that records no time series (fleet members need only their cycles).</summary>
    public const double NoTimeSeries = 0;

    public static byte[] Snapshot(in CellState state) => MessagePackSerializer.Serialize(state);

    public static CellState Restore(byte[] snapshot) => MessagePackSerializer.Deserialize<CellState>(snapshot);

    /// <summary>A built cell: the engine's model of one scenario variant, with its seed.</summary>
    public sealed class Cell(Scenario scenario, CellSpec spec, int seed)
    {
        private readonly CellModel _model = new(spec.Design, spec.Parameters);

        /// <summary>The engine's model of this cell (shared read-only by live shards and cursors).</summary>
        public CellModel Model => _model;

        /// <summary>The protocol this cell runs.</summary>
        public Protocols.Model.Protocol Protocol => CellJob.ProtocolOf(scenario, spec);

        /// <summary>Seeded exactly as <see cref="ScenarioRunner.RunCell(CellSpec, Protocols.Model.Protocol, int, double, CancellationToken)"/> seeds it.</summary>
        public CellState InitialState() => _model.CreateInitialState(ScenarioRunner.CellSeed(seed, spec.Label));

        /// <summary>Runs the scenario's protocol from assembly, exactly as <see cref="ScenarioRunner.RunCell"/> does.</summary>
        public (RunResult Result, CellState Final) RunProtocol(double outputResolution_s, CancellationToken ct)
        {
            using var activity = Telemetry.TwinTelemetry.Activities.StartActivity("dapcu.cell.run");
            activity?.SetTag("dapcu.scenario", scenario.Name);
            activity?.SetTag("dapcu.variant", spec.Label);
            var runner = ProtocolRunner.Start(_model, InitialState(), CellJob.ProtocolOf(scenario, spec),
                new RunOptions { OutputResolution_s = outputResolution_s }, ct);
            Telemetry.TwinTelemetry.CellFinished(runner.Result, spec.Label);
            return (runner.Result, runner.FinalState);
        }

        public TerminalReading Advance(ref CellState state, double current_mA_cm2, double duration_s)
        {
            _model.Advance(ref state, current_mA_cm2, duration_s);
            return new TerminalReading(state.Time_s, _model.Voltage_V(state, current_mA_cm2),
                current_mA_cm2 * spec.Design.Area_cm2 / 1000.0, state.Shorted);
        }
    }
}
