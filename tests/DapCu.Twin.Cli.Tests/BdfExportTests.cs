using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary>`dapcu run --bdf` writes the twin's time series as Battery Data Format CSV that the importer reads back.</summary>
public class BdfExportTests
{
    [Fact]
    public void Run_with_bdf_writes_a_file_per_variant_that_inspect_reads_back()
    {
        using var dir = new TempFolder();
        dir.Write("half.yaml", TestScenarios.DapHalfCell("half", cycles: 3));

        var run = CliProcess.Run(dir.Path, "run", "half.yaml", "--bdf");
        Assert.True(run.ExitCode == 0, run.ToString());
        var bdf = Path.Combine(dir.Path, "runs", "half", "timeseries_DAP.bdf.csv");
        Assert.True(File.Exists(bdf), run.ToString());
        Assert.StartsWith("test_time_second,voltage_volt,current_ampere", File.ReadLines(bdf).First());

        var inspect = CliProcess.Run(dir.Path, "inspect", bdf, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        var doc = JsonNode.Parse(inspect.Stdout)!;
        Assert.Equal(3, doc["cycles"]!.AsArray().Count);
        // The twin's own cycle table and the re-imported file agree on plated charge (1 mAh/cm2 x 1.131 cm2).
        var firstDischarge = 1000 * doc["cycles"]![0]!["dischargeCapacity_Ah"]!.GetValue<double>();
        Assert.Equal(1.131, firstDischarge, 3);
    }
}
