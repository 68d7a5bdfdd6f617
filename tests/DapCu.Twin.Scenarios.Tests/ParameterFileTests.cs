using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Scenarios.Tests;

/// <summary>'parameters: { file: fitted.yaml }' loads a path: value file (as dapcu fit writes it) relative to the scenario.</summary>
public sealed class ParameterFileTests : IDisposable
{
    private readonly string _dir = Scratch.Create("dapcu-scen-").FullName;

    private const string Protocol = "protocol: |\n  Plate at 1 mA/cm2 for 1 h\n";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void File_values_apply_and_entries_beside_it_win()
    {
        Write("fits/fitted.yaml", "# fitted by dapcu fit\ndap.interface_resistance_ohm_cm2: 40.5   # 95 % CI [39, 42]\nelectrolyte.contact_resistance_ohm_cm2: 1.25\n");
        var scenario = Write("s.yaml", "name: s\nparameters: { file: fits/fitted.yaml, electrolyte.contact_resistance_ohm_cm2: 2 }\ncells:\n  - design: dap-half\n" + Protocol);
        var p = ScenarioLoader.Load(scenario).Cells[0].Parameters;
        Assert.Equal(40.5, p.Dap.InterfaceResistance_ohm_cm2);
        Assert.Equal(2.0, p.Electrolyte.ContactResistance_ohm_cm2);
        // Everything else stays at the calibrated set.
        Assert.Equal(ParameterSets.Chen2024.PlanarCu.InterfaceResistance_ohm_cm2, p.PlanarCu.InterfaceResistance_ohm_cm2);
    }

    [Fact]
    public void Per_cell_file_is_read_too()
    {
        Write("fitted.yaml", "pl.interface_resistance_ohm_cm2: 33\n");
        var scenario = Write("s.yaml", "cells:\n  - design: pl-half\n    parameters: { file: fitted.yaml }\n" + Protocol);
        Assert.Equal(33.0, ScenarioLoader.Load(scenario).Cells[0].Parameters.PlanarCu.InterfaceResistance_ohm_cm2);
    }

    [Fact]
    public void Missing_file_names_the_scenario_line_and_the_path()
    {
        var scenario = Write("s.yaml", "name: s\nparameters:\n  file: nowhere.yaml\ncells:\n  - design: dap-half\n" + Protocol);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(scenario));
        Assert.Equal(scenario, e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("nowhere.yaml", e.Message);
        Assert.Contains("existing parameter file", e.Message);
    }

    [Fact]
    public void Bad_entry_in_the_file_names_that_file_and_line()
    {
        var fitted = Write("fitted.yaml", "dap.interface_resistance_ohm_cm2: 40\ndap.no_such_thing: 3\n");
        var scenario = Write("s.yaml", "parameters: { file: fitted.yaml }\ncells:\n  - design: dap-half\n" + Protocol);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(scenario));
        Assert.Equal(fitted, e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("no_such_thing", e.Message);
    }

    [Theory]
    [InlineData("dap.interface_resistance_ohm_cm2: forty\n", 1, "a number")]
    [InlineData("dap.interface_resistance_ohm_cm2: [1\n", 1, "well-formed YAML")]
    [InlineData("- 1\n- 2\n", 1, "a mapping of parameter path")]
    public void Malformed_file_is_reported_with_its_own_path(string text, int line, string expected)
    {
        var fitted = Write("fitted.yaml", text);
        var scenario = Write("s.yaml", "parameters: { file: fitted.yaml }\ncells:\n  - design: dap-half\n" + Protocol);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(scenario));
        Assert.Equal(fitted, e.File);
        Assert.True(e.Line >= line, e.Message);
        Assert.Contains(expected, e.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
