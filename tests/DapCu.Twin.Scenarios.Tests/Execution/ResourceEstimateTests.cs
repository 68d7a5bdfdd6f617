using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Tests.Execution;

/// <summary>Runs are estimated before they start and refused over budget, naming the key that drives them (issue 15);
/// a GB-scale output is warned about with the resolution that shrinks it (issue 9).</summary>
public sealed class ResourceEstimateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dapcu-estimate").FullName;

    private static Scenario Half(string protocol, string extra = "") => ScenarioLoader.Parse(
        "name: e\n" + extra + "cells:\n  - { label: DAP, design: dap-half }\nprotocol: |\n" + protocol, "e.yaml");

    private static ResourceEstimate Estimate(Scenario s)
    {
        var (sweep, fleet) = ScenarioJob.Validate(s);
        return ResourceEstimate.Of(s, sweep, fleet, cores: 2);
    }

    private const string Cycle = "    Plate at 1 mA/cm2 for 1 h\n    Strip at 1 mA/cm2 until 1 V\n";

    [Fact]
    public void Two_billion_repeats_are_refused_for_memory_with_the_override_named()
    {
        var refusal = Estimate(Half("  Repeat 2000000000 times:\n" + Cycle)).Refusal(new ResourceBudget());
        Assert.NotNull(refusal);
        Assert.Contains("memory budget (8 GB)", refusal);
        Assert.Contains("--max-memory-gb", refusal);
    }

    [Fact]
    public void A_microsecond_resolution_is_refused_naming_output_resolution_s()
    {
        var refusal = Estimate(Half("  Repeat 2 times:\n" + Cycle, "output: { resolution_s: 0.000001 }\n")).Refusal(new ResourceBudget());
        Assert.NotNull(refusal);
        Assert.Contains("raise output.resolution_s", refusal);
    }

    [Fact]
    public void Ten_million_fleet_cells_are_refused_naming_fleet_cells_and_their_memory_does_not_grow_with_the_cell_count()
    {
        var s = ScenarioLoader.Parse("name: f\ncells:\n  - { label: DAP, design: dap-lfp }\nprotocol: |\n  Repeat 300 times:\n" +
                                     "    Charge at 1C until 3.8 V\n    Discharge at 1C until 2.5 V\nfleet: { cells: 10000000 }\n", "f.yaml");
        var refusal = Estimate(s).Refusal(new ResourceBudget());
        Assert.NotNull(refusal);
        Assert.Contains("fleet.cells", refusal);
        Assert.Contains("--max-hours", refusal);
        // Shards run one after another: a hundred times the cells takes well under twice the memory.
        var small = ScenarioLoader.Parse(s.SourceText!.Replace("10000000", "100000"), "f.yaml");
        Assert.InRange(Estimate(s).Memory_B.Amount / Estimate(small).Memory_B.Amount, 1, 1.5);
        Assert.InRange(Estimate(s).Memory_B.Amount, 0, 1e9);
        // The same fleet passes when the budget is raised by the flag the refusal names.
        Assert.Null(Estimate(s).Refusal(new ResourceBudget(Memory_GB: 1000, Hours: 1e9)));
    }

    [Fact]
    public void A_100000_cycle_run_at_the_default_resolution_runs_but_warns_with_a_coarser_resolution()
    {
        var s = Half("  Repeat 100000 times:\n" + Cycle);
        var estimate = Estimate(s);
        Assert.Null(estimate.Refusal(new ResourceBudget()));
        var warning = estimate.OutputWarning(s);
        Assert.NotNull(warning);
        Assert.Contains("timeseries.csv", warning);
        Assert.Matches(@"set output: \{ resolution_s: (\d+) \}", warning);
        var coarser = double.Parse(System.Text.RegularExpressions.Regex.Match(warning, @"resolution_s: (\d+) \}").Groups[1].Value);
        Assert.True(coarser > 60, warning);
        Assert.Null(Estimate(Half("  Repeat 100000 times:\n" + Cycle, $"output: {{ resolution_s: {coarser} }}\n")).OutputWarning(s));
    }

    [Fact]
    public void The_output_estimate_is_within_a_factor_of_two_of_the_files_a_run_writes()
    {
        var s = Half("  Repeat 20 times:\n" + Cycle);
        var run = ScenarioRunner.RunCell(s.Cells[0], s.Protocol, s.Seed, s.OutputResolution_s);
        RunTables.WriteAll(_dir, [new LabelledRun("DAP", run)]);
        var written = new FileInfo(Path.Combine(_dir, RunTables.TimeSeriesFile)).Length + new FileInfo(Path.Combine(_dir, RunTables.CyclesFile)).Length;

        var estimated = Estimate(s).Output_B.Amount;

        Assert.InRange(estimated / written, 0.5, 2.0);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
