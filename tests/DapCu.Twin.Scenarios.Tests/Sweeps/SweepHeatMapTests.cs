using DapCu.Twin.Scenarios.Execution;

namespace DapCu.Twin.Scenarios.Tests.Sweeps;

/// <summary>A grid sweep whose figure of merit some runs never reach (a DAP cell that never shorts) still
/// completes: those cells are blank, a variant with no value at all gets no map.</summary>
public sealed class SweepHeatMapTests : IDisposable
{
    private readonly string _work = Scratch.Create("dapcu-heatmap-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Grid_with_unreached_metric_writes_maps_only_where_there_are_values()
    {
        const string yaml = """
            name: grid-shorts
            output: { resolution_s: 0 }
            cells:
              - { label: DAP, design: dap-sym }
              - { label: PL, design: pl-sym }
            protocol: |
              Repeat 80 times:
                Discharge at 10 mA/cm2 until 1 mAh/cm2
                Charge at 10 mA/cm2 until 1 mAh/cm2
            sweep:
              grid:
                current_density_mA_cm2: [2, 10]
                separator_thickness_um: [12, 25]
              metric: short_time_h
            """;
        var scenario = ScenarioLoader.Parse(yaml, Path.Combine(_work, "grid.yaml"));
        var outcome = await new ScenarioJob(DirectCellExecutor.Instance, new DirectFleetExecutor(2), 2)
            .RunAsync(scenario, _work, resume: false, null, default);

        var folder = Path.Combine(_work, "grid-shorts");
        Assert.Equal(folder, outcome.Directory);
        // PL at 10 mA/cm2 shorts within 80 cycles (paper S7: ~50 cycles at 25 um); DAP never does.
        var rows = File.ReadAllLines(Path.Combine(folder, "sweep.csv"));
        var header = rows[0].Split(',');
        var shortColumn = Array.IndexOf(header, "short_time_h");
        Assert.Contains(rows.Skip(1), r => r.Split(',')[3] == "PL" && r.Split(',')[shortColumn] != "");
        Assert.All(rows.Skip(1).Where(r => r.Split(',')[3] == "DAP"), r => Assert.Equal("", r.Split(',')[shortColumn]));
        Assert.True(File.Exists(Path.Combine(folder, "sweep_short_time_h_PL.png")));
        Assert.False(File.Exists(Path.Combine(folder, "sweep_short_time_h_DAP.png")));
    }
}
