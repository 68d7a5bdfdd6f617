using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Execution;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Tests;

/// <summary>The grains are plumbing: they must produce exactly the numbers of the raw engine.</summary>
[Collection(ClusterCollection.Name)]
public class GrainEngineParityTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task A_cell_grain_runs_the_protocol_exactly_as_the_engine_does()
    {
        var scenario = TinyScenario.Load();
        foreach (var cell in scenario.Cells)
        {
            var direct = ScenarioRunner.RunCell(cell, scenario.Protocol, scenario.Seed, scenario.OutputResolution_s);
            var viaGrain = await new GrainCellExecutor(Grains).RunAsync(CellJob.Nominal(scenario, cell.Label), default);

            Assert.NotEmpty(direct.Cycles);
            Assert.Equal(direct.TimeSeries, viaGrain.TimeSeries);
            Assert.Equal(direct.Cycles, viaGrain.Cycles);
            Assert.Equal(direct.Events, viaGrain.Events);
            Assert.Equal((direct.EndedEarly, direct.EndReason), (viaGrain.EndedEarly, viaGrain.EndReason));
        }
    }

    [Fact]
    public async Task A_driven_cell_grain_keeps_its_state_between_calls_like_the_model()
    {
        var scenario = TinyScenario.Load();
        var cell = scenario.Cells.Single(c => c.Label == "DAP");
        var grain = Grains.GetGrain<ICellGrain>("drive-test/DAP");
        await grain.Configure(new CellSetup(TinyScenario.Yaml, "tiny-lfp.yaml", "DAP", [], scenario.Seed));

        var model = new CellModel(cell.Design, cell.Parameters);
        var state = model.CreateInitialState(ScenarioRunner.CellSeed(scenario.Seed, "DAP"));
        foreach (var (current_mA_cm2, duration_s) in new[] { (-1.0, 1800.0), (-1.0, 600.0), (0.0, 300.0), (1.0, 900.0) })
        {
            model.Advance(ref state, current_mA_cm2, duration_s);
            var reading = await grain.Advance(current_mA_cm2, duration_s);
            Assert.Equal(state.Time_s, reading.Time_s);
            Assert.Equal(model.Voltage_V(state, current_mA_cm2), reading.Voltage_V);
        }
        Assert.Equal(3600.0, await grain.Time_s());
    }

    [Fact]
    public async Task A_fleet_on_shard_grains_has_exactly_the_statistics_of_the_raw_engine_fleet()
    {
        var scenario = TinyScenario.Load();
        var spec = FleetSpec.Parse(scenario.FleetNode!, scenario.SourcePath, scenario.Seed);
        foreach (var cell in scenario.Cells)
        {
            var nominal = ScenarioRunner.RunCell(cell, scenario.Protocol, scenario.Seed, 0);
            var job = new FleetJob(scenario, cell.Label, spec, FleetBins.For(scenario.Protocol, nominal));

            var raw = await new DirectFleetExecutor(2).RunAsync(job, null, default);
            var grains = await new GrainFleetExecutor(Grains).RunAsync(job, null, default);

            Assert.Equal(60, grains.Cells);
            Assert.Equal(raw.Shorts, grains.Shorts);
            Assert.Equal(raw.WornOut, grains.WornOut);
            for (int c = 0; c < raw.Bins.Cycles; c++)
            {
                Assert.Equal(raw.CapacityByCycle[c].Counts, grains.CapacityByCycle[c].Counts);
                Assert.Equal(raw.CeByCycle[c].Counts, grains.CeByCycle[c].Counts);
            }
            // The spread is real: cells differ.
            Assert.True(raw.CapacityByCycle[0].Quantile(0.95) > raw.CapacityByCycle[0].Quantile(0.05));
        }
    }
}
