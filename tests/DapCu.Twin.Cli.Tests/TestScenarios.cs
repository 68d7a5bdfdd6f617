using System.Globalization;
using System.Text;

namespace DapCu.Twin.Cli.Tests;

/// <summary>Small scenario files the tests write, in the format of docs/scenario-format.md.</summary>
public static class TestScenarios
{
    /// <summary>A DAP-Cu Li|Cu half cell: plate 1 mAh/cm2 at 1 mA/cm2, strip to 1 V, <paramref name="cycles"/> times.
    /// Its first CE is ~0.936 (paper: 93 %), so <paramref name="firstCeBand"/> decides whether the target passes.</summary>
    public static string DapHalfCell(string name, int cycles = 3, string firstCeBand = "[0.90, 0.97]", string extra = "") => $$"""
        name: {{name}}
        seed: 7
        output: { resolution_s: 60 }
        {{extra}}
        cells:
          - label: DAP
            design: dap-half
        protocol: |
          Repeat {{cycles}} times:
            Plate at 1 mA/cm2 for 1 h
            Strip at 1 mA/cm2 until 1 V
        targets:
          - id: T1
            description: DAP initial Coulombic efficiency
            paper: "93 %"
            metric: first_ce
            cell: DAP
            band: {{firstCeBand}}

        """;

    /// <summary>
    /// Turns a run's timeseries.csv into Battery Data Format CSV (time s, voltage V, current A; positive charges,
    /// as in the twin), written here rather than by dapcu so compare and fit read a file the CLI did not make.
    /// </summary>
    public static string TimeseriesToBdf(string timeseriesCsv, string bdfPath)
    {
        var lines = File.ReadAllLines(timeseriesCsv);
        var header = lines[0].Split(',');
        int time = Array.IndexOf(header, "time_s"), voltage = Array.IndexOf(header, "voltage_V"), current = Array.IndexOf(header, "current_mA");
        Assert.True(time >= 0 && voltage >= 0 && current >= 0, $"timeseries.csv header: {lines[0]}");
        var bdf = new StringBuilder("test_time_second,voltage_volt,current_ampere\n");
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            var current_A = double.Parse(f[current], CultureInfo.InvariantCulture) / 1000.0;
            bdf.Append(f[time]).Append(',').Append(f[voltage]).Append(',').Append(current_A.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(bdfPath, bdf.ToString());
        return bdfPath;
    }

    /// <summary>Data rows of a CSV file: non-empty lines after the header.</summary>
    public static int DataRows(string csv) => File.ReadLines(csv).Skip(1).Count(l => l.Trim().Length > 0);
}
