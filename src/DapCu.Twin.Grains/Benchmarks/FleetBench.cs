using System.Diagnostics;
using System.Globalization;
using DapCu.Twin.Grains.Execution;
using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Benchmarks;

/// <summary>Rates of one fleet benchmark: the same fleet on the raw engine and on shard grains.</summary>
public sealed record FleetBenchResult(int Cells, int Cycles, double RawCellCyclesPerSecond, double GrainCellCyclesPerSecond)
{
    public double Ratio => GrainCellCyclesPerSecond / RawCellCyclesPerSecond;
}

/// <summary>
/// <c>dapcu bench --fleet</c>: a fleet of Li/DAP-Cu | LFP cells (N/P and kinetics spread) cycled at 1 C, run once
/// on the raw engine (all cores, one statistics accumulator per worker) and once through FleetGrain and its
/// shard grains on an embedded silo. Both paths compute the same statistics from the same cells.
/// </summary>
public static class FleetBench
{
    public static string ScenarioYaml(int cells, int cycles) => $"""
        name: bench-fleet
        seed: 42
        cells:
          - {"{"} label: DAP, design: dap-lfp, np_ratio: 1.2 {"}"}
        protocol: |
          Repeat {cycles} times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        fleet:
          cells: {cells}
          seed: 7
          spread:
            np_ratio: {"{"} dist: normal, sd: 0.03 {"}"}
            dap.exchange_current_density_mA_cm2: {"{"} dist: lognormal, sigma: 0.1 {"}"}
        """;

    public static async Task<FleetBenchResult> RunAsync(int cells, int cycles, TextWriter output, CancellationToken ct = default)
    {
        var scenario = ScenarioLoader.Parse(ScenarioYaml(cells, cycles), "bench-fleet.yaml");
        var spec = FleetSpec.Parse(scenario.FleetNode!, scenario.SourcePath, scenario.Seed);
        var nominal = ScenarioRunner.RunCell(scenario.Cells[0], scenario.Protocol, scenario.Seed, 0, ct);
        var job = new FleetJob(scenario, "DAP", spec, FleetBins.For(scenario.Protocol, nominal));
        double cellCycles = (double)cells * cycles;

        var raw = Stopwatch.StartNew();
        var rawStatistics = await new DirectFleetExecutor(Environment.ProcessorCount).RunAsync(job, null, ct);
        double rawRate = cellCycles / raw.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant($"raw engine: {rawRate:F0} cell-cycles/s ({cells} cells x {cycles} cycles in {raw.Elapsed.TotalSeconds:F1} s)"));

        await using var silo = await EmbeddedSilo.StartAsync(ct);
        var grains = Stopwatch.StartNew();
        var grainStatistics = await new GrainFleetExecutor(silo.Grains).RunAsync(job, null, ct);
        double grainRate = cellCycles / grains.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant($"grains: {grainRate:F0} cell-cycles/s ({grains.Elapsed.TotalSeconds:F1} s)"));

        if (grainStatistics.Cells != rawStatistics.Cells || grainStatistics.Shorts != rawStatistics.Shorts)
            throw new InvalidOperationException("grain and raw fleets disagree: the benchmark compares different work");
        var result = new FleetBenchResult(cells, cycles, rawRate, grainRate);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {result.Ratio:F2} (grains/raw)"));
        return result;
    }
}
