using System.Globalization;
using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary>dapcu compare and fit on data exported from twin runs (by the test, from timeseries.csv).</summary>
public class CompareFitTests
{
    [Fact]
    public void Twin_data_compared_with_its_own_design_has_a_tiny_voltage_error()
    {
        using var dir = new TempFolder();
        dir.Write("half.yaml", TestScenarios.DapHalfCell("twin", cycles: 3));
        var run = CliProcess.Run(dir.Path, "run", "half.yaml");
        Assert.True(run.ExitCode == 0, run.ToString());
        var data = TestScenarios.TimeseriesToBdf(dir["runs/twin/timeseries.csv"], dir["twin.bdf.csv"]);

        var same = CliProcess.Run(dir.Path, "compare", data, "--cell", "half.yaml", "--json");
        var other = CliProcess.Run(dir.Path, "compare", data, "--cell", "pl-half", "--json");

        Assert.True(same.ExitCode == 0, same.ToString());
        var summary = JsonNode.Parse(same.Stdout)!["summary"]!;
        Assert.Equal(3, summary["cycleCount"]!.GetValue<int>());
        Assert.InRange(summary["voltageRmse_V"]!.GetValue<double>(), 0, 1e-4); // < 0.1 mV: the same cell replayed
        Assert.True(Directory.Exists(dir[JsonNode.Parse(same.Stdout)!["folder"]!.GetValue<string>()]), same.ToString());
        // Against planar Cu the same data is far off: the comparison does tell cells apart.
        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.True(JsonNode.Parse(other.Stdout)!["summary"]!["voltageRmse_V"]!.GetValue<double>() > 5e-3, other.ToString());
    }

    [Fact]
    public void Fit_recovers_a_known_resistance_and_writes_a_file_run_can_load()
    {
        using var dir = new TempFolder();
        // "Measured" data: the DAP half cell with 1.5 ohm cm2 electrolyte contact resistance (default 0.5).
        dir.Write("truth.yaml", TestScenarios.DapHalfCell("truth", cycles: 3, extra: "parameters: { electrolyte.contact_resistance_ohm_cm2: 1.5 }"));
        dir.Write("base.yaml", TestScenarios.DapHalfCell("base", cycles: 3));
        var truth = CliProcess.Run(dir.Path, "run", "truth.yaml");
        Assert.True(truth.ExitCode == 0, truth.ToString());
        var data = TestScenarios.TimeseriesToBdf(dir["runs/truth/timeseries.csv"], dir["truth.bdf.csv"]);

        var fit = CliProcess.Run(dir.Path, "fit", data, "--cell", "base.yaml", "--params", "electrolyte.contact_resistance_ohm_cm2", "--out", "fitted.yaml", "--json");

        Assert.True(fit.ExitCode == 0, fit.ToString());
        var fitted = File.ReadAllLines(dir["fitted.yaml"]).Single(l => l.StartsWith("electrolyte.contact_resistance_ohm_cm2:"));
        var value = double.Parse(fitted.Split(':')[1].Split('#')[0].Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(value, 1.5 * 0.98, 1.5 * 1.02);

        // A scenario loads the file and runs; its voltages are those of the "measured" cell, not of the base one.
        dir.Write("refit.yaml", TestScenarios.DapHalfCell("refit", cycles: 3, extra: "parameters: { file: fitted.yaml }"));
        var refit = CliProcess.Run(dir.Path, "run", "refit.yaml");
        Assert.True(refit.ExitCode == 0, refit.ToString());
        var baseRun = CliProcess.Run(dir.Path, "run", "base.yaml");
        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        var truthV = Voltages(dir["runs/truth/timeseries.csv"]);
        Assert.InRange(MaxDifference(truthV, Voltages(dir["runs/refit/timeseries.csv"])), 0, 1e-4);
        Assert.True(MaxDifference(truthV, Voltages(dir["runs/base/timeseries.csv"])) > 5e-4, "the fitted parameter should matter");
    }

    private static double[] Voltages(string timeseries)
    {
        var lines = File.ReadAllLines(timeseries).Where(l => l.Length > 0).ToArray();
        var column = Array.IndexOf(lines[0].Split(','), "voltage_V");
        return lines.Skip(1).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();
    }

    private static double MaxDifference(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }
}
