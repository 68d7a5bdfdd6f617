using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

public class ParamsCommandTests
{
    [Fact]
    public void Lists_every_parameter_with_unit_and_source()
    {
        using var dir = new TempFolder();
        var r = CliProcess.Run(dir.Path, "params", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var rows = JsonNode.Parse(r.Stdout)!.AsArray();
        var j0 = rows.Single(p => p!["path"]!.GetValue<string>() == "dap.exchange_current_density_mA_cm2")!;
        // PyBaMM's Xu2019 figure at 1 M: 7.1 mA/cm2.
        Assert.Equal(7.1, j0["value"]!.GetValue<double>(), 6);
        Assert.Equal("mA/cm2", j0["unit"]!.GetValue<string>());
        Assert.Contains("Xu2019", j0["source"]!.GetValue<string>());
        Assert.All(rows, p => Assert.False(string.IsNullOrWhiteSpace(p!["source"]!.GetValue<string>())));
    }

    [Fact]
    public void Shows_a_scenario_cells_overrides_and_rejects_unknown_cells()
    {
        using var dir = new TempFolder();
        dir.Write("s.yaml", "name: s\ncells: [ { label: A, design: dap-half, parameters: { dap.interface_resistance_ohm_cm2: 41 } } ]\nprotocol: |\n  Rest for 1 h\n");
        var r = CliProcess.Run(dir.Path, "params", "s.yaml#A", "--filter", "dap.interface");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("dap.interface_resistance_ohm_cm2", r.Stdout);
        Assert.Contains(" 41 ", r.Stdout);

        var bad = CliProcess.Run(dir.Path, "params", "s.yaml#B");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("has no cell 'B'", bad.Stderr);
        Assert.Contains("'s.yaml#B'", bad.Stderr);
        Assert.DoesNotContain("--cell", bad.Stderr); // params takes the cell as a positional argument
    }

    [Fact]
    public void Lists_the_scenario_keys_sweeps_and_fleets_can_set_with_the_cells_values()
    {
        using var dir = new TempFolder();
        dir.Write("s.yaml", "name: s\ncells:\n  - label: A\n    design: dap-sym\n    protocol: |\n      Repeat 2 times:\n        Discharge at 3 mA/cm2 for 1 h\n        Charge at 3 mA/cm2 for 1 h\n");
        var r = CliProcess.Run(dir.Path, "params", "s.yaml#A", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var rows = JsonNode.Parse(r.Stdout)!.AsArray();
        double Value(string path) => rows.Single(p => p!["path"]!.GetValue<string>() == path)!["value"]!.GetValue<double>();
        Assert.Equal(3.0, Value("current_density_mA_cm2"));   // from the cell's own protocol
        Assert.Equal(3.0, Value("areal_capacity_mAh_cm2"));   // 3 mA/cm2 for 1 h
        Assert.Equal(2.0, Value("preplated_mAh_cm2"));        // dap-sym preset (paper: 2 mAh/cm2)
        Assert.Contains("scenario key", rows.Single(p => p!["path"]!.GetValue<string>() == "np_ratio")!["source"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_cell_is_named_as_given()
    {
        using var dir = new TempFolder();
        var r = CliProcess.Run(dir.Path, "params", "nosuch");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("dapcu params: 'nosuch' is neither a design preset", r.Stderr);
        Assert.Contains("dap-half", r.Stderr);
        Assert.DoesNotContain("--cell", r.Stderr);
    }
}
