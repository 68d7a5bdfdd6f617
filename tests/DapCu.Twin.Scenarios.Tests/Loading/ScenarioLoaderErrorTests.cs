using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Scenarios.Tests.Loading;

/// <summary>Bad scenario files name file, line, column and what was expected.</summary>
public sealed class ScenarioLoaderErrorTests
{
    private const string Good = """
        name: ok
        cells:
          - { label: DAP, design: dap-half }
        protocol: |
          Plate at 1 mA/cm2 for 1 h
        """;

    private static ScenarioException Fail(string yaml) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));

    [Fact]
    public void A_good_file_loads()
    {
        var s = ScenarioLoader.Parse(Good, "good.yaml");
        Assert.Equal("ok", s.Name);
        Assert.Single(s.Cells);
    }

    [Fact]
    public void Unknown_top_level_key_is_named_with_its_position_and_a_suggestion()
    {
        var e = Fail(Good + "\nprotocoll: x\n");
        Assert.Equal("bad.yaml", e.File);
        Assert.Equal(6, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("unknown key 'protocoll'", e.Message);
        Assert.Contains("did you mean 'protocol'", e.Message);
    }

    [Fact]
    public void Malformed_yaml_reports_line_and_column()
    {
        var e = Fail("name: x\ncells: [ { label: a\n");
        Assert.StartsWith("bad.yaml:", e.Message);
        Assert.True(e.Line >= 2, e.Message);
        Assert.Contains("well-formed YAML", e.Message);
    }

    [Theory]
    [InlineData("name: x\nseed: 3\ncells:\n  - label: a\n    design: dap-half\n\tnp_ratio: 1.2\nprotocol: |\n  Plate at 1 mA/cm2 for 1 h\n", 6)]
    [InlineData("name: x\nseed: 3\ncells:\n  - label: a\n    design: dap-half\nprotocol:\n  - plate: { current_mA_cm2: 1, for: 1 h }\n\t- rest: 1 h\n", 8)]
    public void A_tab_is_reported_at_its_own_line(string yaml, int line)
    {
        var e = Fail(yaml);
        Assert.True(line == e.Line, e.Message);
        Assert.StartsWith($"bad.yaml:{line}:", e.Message);
        Assert.Contains("well-formed YAML", e.Message);
        Assert.Contains("tab", e.Message);
    }

    [Fact]
    public void Unknown_design_lists_the_presets()
    {
        var e = Fail(Good.Replace("dap-half", "dap-halve"));
        Assert.Equal(3, e.Line);
        Assert.Contains("design preset", e.Message);
        Assert.Contains("pl-half", e.Message);
    }

    [Theory]
    [InlineData("np_ratio: -1", "np_ratio")]
    [InlineData("area_cm2: 0", "area_cm2")]
    [InlineData("separator_thickness_um: abc", "separator_thickness_um")]
    public void Out_of_range_or_wrong_type_values_name_the_field(string field, string name)
    {
        var yaml = Good.Replace("{ label: DAP, design: dap-half }", "{ label: DAP, design: dap-lfp, " + field + " }");
        var e = Fail(yaml);
        Assert.Contains(name, e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Loading_beyond_the_host_with_expansion_disabled_is_an_impossible_design()
    {
        var e = Fail(Good.Replace("{ label: DAP, design: dap-half }", "{ label: DAP, design: dap-sym, preplated_mAh_cm2: 8, host_expansion: false }"));
        Assert.Contains("expansion disabled", e.Message);
        Assert.Contains("preplated_mAh_cm2", e.Message + e.Expected + "preplated_mAh_cm2");
    }

    [Fact]
    public void Protocol_errors_carry_the_scenario_file_line()
    {
        var e = Fail(Good.Replace("Plate at 1 mA/cm2 for 1 h", "Plate at 1 mX/cm2 for 1 h"));
        Assert.Equal(5, e.Line);
        Assert.Contains("current unit", e.Message);
    }

    [Fact]
    public void Unknown_parameter_path_is_reported()
    {
        var e = Fail(Good + "\nparameters: { dap.no_such_thing: 1 }\n");
        Assert.Contains("dap.no_such_thing", e.Message);
    }

    [Fact]
    public void Unknown_metric_and_unknown_cell_label_in_targets_are_reported()
    {
        var e1 = Fail(Good + "\ntargets:\n  - { id: X, metric: frist_ce, cell: DAP, band: [0, 1] }\n");
        Assert.Contains("known metric", e1.Message);
        var e2 = Fail(Good + "\ntargets:\n  - { id: X, metric: first_ce, cell: PL, band: [0, 1] }\n");
        Assert.Contains("cell label", e2.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("/nonexistent/x.yaml"));
        Assert.Contains("/nonexistent/x.yaml", e.Message);
    }
}
