using System.Globalization;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Scenarios.Execution;

namespace DapCu.Twin.Scenarios.Tests;

/// <summary>Every key of the one override registry: read by the loader (cell keys), set by sweeps and fleets on
/// every cell (those with their own protocol included) and read back as the fleet's nominal value.</summary>
public sealed class OverrideKeyTests
{
    // Cell A carries its own protocol, cell B runs the scenario's: a protocol key must reach both.
    private const string TwoCells = """
        name: keys
        cells:
          - label: A
            design: dap-lfp
            protocol: |
              Repeat 2 times:
                Plate at 2 mA/cm2 for 0.5 h
                Strip at 2 mA/cm2 until 1 V
          - { label: B, design: dap-sym }
        protocol: |
          Repeat 2 times:
            Discharge at 1 mA/cm2 for 1 h
            Charge at 1 mA/cm2 for 1 h
        """;

    public static TheoryData<string> Keys() => new(OverrideKeys.All.Select(k => k.Name));

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_key_set_by_a_sweep_or_fleet_reaches_every_cell(string name)
    {
        var scenario = ScenarioLoader.Parse(TwoCells, "keys.yaml");
        var key = OverrideKeys.Find(name)!;
        var value = 1.37 * Math.Max(ScenarioValues.Get(scenario, "A", name), 0.5);

        var changed = ScenarioOverrides.Apply(scenario, name, value);

        foreach (var label in new[] { "A", "B" })
            Assert.Equal(value, ScenarioValues.Get(changed, label, name), 12);
        if (key.Target == OverrideTarget.Protocol)
        {
            // The cell's own protocol and the scenario's both changed; nothing else did.
            Assert.NotEqual(scenario.Cells[0].Protocol, changed.Cells[0].Protocol);
            Assert.NotEqual(scenario.Protocol, changed.Protocol);
            Assert.Equal(scenario.Cells.Select(c => c.Design), changed.Cells.Select(c => c.Design));
        }
        else Assert.Equal(scenario.Protocol, changed.Protocol);
        // A job built from the override resolves to the same value (what sweep points and fleet cells run).
        var (_, cell) = new CellJob(scenario, "A", [new ParameterOverride(name, value)], 1).Resolve();
        Assert.Equal(value, key.Get(cell, cell.Protocol ?? changed.Protocol), 12);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_cell_key_in_a_scenario_file_is_read_through_the_registry(string name)
    {
        var key = OverrideKeys.Find(name)!;
        if (!key.IsCellKey) return; // protocol keys are written in the protocol itself
        var yaml = TwoCells.Replace("{ label: B, design: dap-sym }", $"{{ label: B, design: dap-sym, {name}: 0.75 }}", StringComparison.Ordinal);
        var scenario = ScenarioLoader.Parse(yaml, "keys.yaml");
        Assert.Equal(0.75, ScenarioValues.Get(scenario, "B", name), 12);
    }

    [Fact]
    public void Current_density_reaches_the_shipped_scenarios_whose_cells_carry_their_own_protocol()
    {
        // host.yaml: four cells, each with its own 'Plate at 1 mA/cm2 ...' protocol.
        var host = ScenarioLoader.Load(Path.Combine(RepoFolder(), "scenarios", "paper", "host.yaml"));
        var changed = ScenarioOverrides.Apply(host, "current_density_mA_cm2", 5);
        foreach (var cell in changed.Cells)
        {
            var steps = Steps(cell.Protocol!.Nodes).Where(s => s.Current is not null).ToList();
            Assert.NotEmpty(steps);
            Assert.All(steps, s => Assert.Equal(new CurrentSpec(5, CurrentUnit.MilliAmpPerCm2), s.Current));
        }
    }

    [Theory]
    [InlineData("lis-rate.yaml")]
    [InlineData("pouch.yaml")]
    public void Current_density_on_cells_cycled_in_c_rates_is_an_error_naming_the_cell_not_a_silent_no_op(string file)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepoFolder(), "scenarios", "paper", file));
        var e = Assert.Throws<ArgumentException>(() => ScenarioOverrides.Apply(scenario, "current_density_mA_cm2", 2));
        Assert.Contains("no step with a current in mA/cm2", e.Message);
        Assert.Contains($"cell '{scenario.Cells[0].Label}'", e.Message);
    }

    [Fact]
    public void Any_other_key_is_a_parameter_path_and_an_unknown_one_is_an_error()
    {
        var scenario = ScenarioLoader.Parse(TwoCells, "keys.yaml");
        var changed = ScenarioOverrides.Apply(scenario, "dap.interface_resistance_ohm_cm2", 9.5);
        Assert.All(changed.Cells, c => Assert.Equal(9.5, c.Parameters.Get("dap.interface_resistance_ohm_cm2")));
        Assert.Throws<ArgumentException>(() => ScenarioOverrides.Apply(scenario, "dap.no_such_thing", 1));
    }

    private static IEnumerable<ProtocolStep> Steps(IReadOnlyList<ProtocolNode> nodes) =>
        nodes.SelectMany(n => n switch { ProtocolStep s => [s], ProtocolLoop l => Steps(l.Body), _ => Enumerable.Empty<ProtocolStep>() });

    private static string RepoFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DapCu.Twin.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("DapCu.Twin.sln");
    }
}
