using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Parsing;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Protocols.Tests.Parsing;

/// <summary>The structured YAML form gives the same protocols as the text form, and its errors point at the
/// YAML source by line and column.</summary>
public class YamlTests
{
    private const string BriefExample = """
        protocol:
          stop_on_short: true
          steps:
            - repeat: 100
              steps:
                - discharge: { current: 1 mA/cm2, for: 1 h }
                - charge: { current: 1 mA/cm2, until: 1 V }
                - rest: { for: 10 min }
                - hold: { voltage: 3.6 V, until: 0.05 mA/cm2 }
        """;

    private const string SameAsText = """
        Repeat 100 times:
            Discharge at 1 mA/cm2 for 1 h
            Charge at 1 mA/cm2 until 1 V
            Rest for 10 min
            Hold at 3.6 V until 0.05 mA/cm2
        """;

    private static ProtocolSyntaxException Fails(string yaml) =>
        Assert.Throws<ProtocolSyntaxException>(() => ProtocolYaml.Parse(yaml, "cell.yaml"));

    private static void AssertAt(ProtocolSyntaxException e, int line, int column, string expectedContains)
    {
        Assert.Equal("cell.yaml", e.SourceName);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(expectedContains, e.Expected);
        Assert.StartsWith($"cell.yaml: line {line}, column {column}: expected ", e.Message);
    }

    [Fact]
    public void The_brief_example_equals_the_text_form()
    {
        var yaml = ProtocolYaml.Parse(BriefExample, "cell.yaml");
        Assert.True(ProtocolEquivalence.AreEquivalent(ProtocolText.Parse(SameAsText), yaml));
        var loop = Assert.IsType<ProtocolLoop>(Assert.Single(yaml.Nodes));
        Assert.Equal(new SourceLocation(4, 7), loop.Location);
        Assert.Equal(new SourceLocation(6, 11), loop.Body[0].Location);
    }

    [Fact]
    public void Parses_a_node_from_a_document_the_caller_already_loaded()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("name: sym\nprotocol:\n  - Rest for 1 h\n"));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var p = ProtocolYaml.Parse(root["protocol"], "scenario.yaml");
        Assert.Equal(3600, Assert.IsType<ProtocolStep>(Assert.Single(p.Nodes)).Duration_s);
        Assert.True(p.StopOnShort);
    }

    [Fact]
    public void Steps_may_be_text_strings_mixed_with_mappings()
    {
        var p = ProtocolYaml.Parse("""
            steps:
              - Discharge at 1 mA/cm2 for 1 h
              - "Charge at 0.5 mA for 2 hours or until 4.2 V"
              - plate: { current: 500 uA/cm2, until: [1 mAh/cm2, -0.2 V] }
              - (Discharge at 1C until 2.5 V, Charge at 1C until 3.8 V) * 2
            stop_on_short: no
            """, "cell.yaml");
        Assert.False(p.StopOnShort);
        var charge = Assert.IsType<ProtocolStep>(p.Nodes[1]);
        Assert.Equal((7200.0, 4.2), (charge.Duration_s!.Value, ((VoltageCutoff)charge.Cutoffs[0]).Voltage_V));
        var plate = Assert.IsType<ProtocolStep>(p.Nodes[2]);
        Assert.Equal(StepKind.Discharge, plate.Kind);
        Assert.Equal(new CurrentSpec(0.5, CurrentUnit.MilliAmpPerCm2), plate.Current);
        Assert.Equal([new CapacityCutoff(1), new VoltageCutoff(-0.2)], plate.Cutoffs);
        Assert.Equal(2, Assert.IsType<ProtocolLoop>(p.Nodes[3]).Count);
    }

    [Fact]
    public void Cutoff_scalar_may_list_alternatives_with_or()
    {
        var p = ProtocolYaml.Parse("- charge: { current: C/5, until: 4.2 V or 3 mAh, for: 6 h }", "cell.yaml");
        var step = Assert.IsType<ProtocolStep>(Assert.Single(p.Nodes));
        Assert.Equal([new VoltageCutoff(4.2), new AbsoluteCapacityCutoff(3)], step.Cutoffs);
        Assert.Equal(21600, step.Duration_s);
    }

    [Fact]
    public void Nested_repeats()
    {
        var p = ProtocolYaml.Parse("""
            - repeat: 3
              steps:
                - repeat: 2
                  steps: [ "Rest for 1 min" ]
                - rest: { for: 1 day }
            """, "cell.yaml");
        var outer = Assert.IsType<ProtocolLoop>(Assert.Single(p.Nodes));
        Assert.Equal(2, Assert.IsType<ProtocolLoop>(outer.Body[0]).Count);
        Assert.Equal(86400, Assert.IsType<ProtocolStep>(outer.Body[1]).Duration_s);
    }

    [Fact]
    public void The_text_form_as_a_block_scalar_keeps_source_lines_and_columns()
    {
        var yaml = "name: x\nprotocol: |\n  Stop on short: no\n  Repeat 2 times:\n    Charge at 1 mA until 1 V\n    Rest for 1 h\n";
        var p = ProtocolYaml.Parse(yaml, "cell.yaml");
        Assert.False(p.StopOnShort);
        var loop = Assert.IsType<ProtocolLoop>(Assert.Single(p.Nodes));
        Assert.Equal(new SourceLocation(4, 3), loop.Location);
        Assert.Equal(new SourceLocation(5, 5), loop.Body[0].Location);

        var e = Fails("protocol: |\n  Rest for 1 h\n  Rest for 2 hourz\n");
        AssertAt(e, 3, 14, "a time unit");
    }

    [Fact]
    public void Text_step_errors_point_into_the_yaml_scalar()
    {
        AssertAt(Fails("steps:\n  - Discharge at 1.5 mX/cm2 for 1 h\n"), 2, 22, "a current unit (mA/cm2, mA, A, C) after '1.5'");
        // A quoted scalar's text starts one column after the quote.
        AssertAt(Fails("steps:\n  - 'Rest for 0 h'\n"), 2, 15, "a positive time");
    }

    [Fact]
    public void Field_value_errors_point_at_the_value()
    {
        AssertAt(Fails("- discharge: { current: 1 V, for: 1 h }"), 1, 27, "a current unit");
        AssertAt(Fails("- charge: { current: 1 mA, until: 0.05 mA/cm2 }"), 1, 40, "a cutoff unit");
        AssertAt(Fails("- rest: { for: -1 min }"), 1, 16, "a positive time");
        AssertAt(Fails("- hold: { voltage: 4.2 V, until: 0.05 mA/cm2, for: 1 h extra }"), 1, 56, "end of the value");
    }

    [Fact]
    public void Unknown_keys_and_step_names_get_suggestions()
    {
        var e = Fails("- dischrage: { current: 1 mA/cm2, for: 1 h }");
        AssertAt(e, 1, 3, "a step (charge, discharge, plate, strip, rest, hold) or 'repeat'");
        Assert.Equal("did you mean 'discharge'?", e.Hint);

        e = Fails("- charge: { curent: 1 mA/cm2, for: 1 h }");
        AssertAt(e, 1, 13, "one of current, for, until in a charge step");
        Assert.Equal("did you mean 'current'?", e.Hint);

        e = Fails("protocol:\n  stop_on_shrt: true\n  steps: [Rest for 1 h]\n");
        AssertAt(e, 2, 3, "one of stop_on_short, safety_limits, steps in a protocol");
    }

    [Fact]
    public void Missing_parts_of_a_step_are_named()
    {
        AssertAt(Fails("- charge: { until: 1 V }"), 1, 3, "'current:' in the charge step");
        AssertAt(Fails("- charge: { current: 1 mA }"), 1, 3, "'for:' or 'until:' in the charge step (a step must end)");
        AssertAt(Fails("- hold: { until: 0.05 mA }"), 1, 3, "'voltage:' in the hold step");
        AssertAt(Fails("- rest: { current: 1 mA, for: 1 h }"), 1, 20, "only 'for:' in a rest step");
        AssertAt(Fails("- rest: 10 min"), 1, 9, "a mapping with 'for:' under 'rest:'");
    }

    [Fact]
    public void Repeat_errors()
    {
        AssertAt(Fails("- repeat: 0\n  steps: [Rest for 1 h]\n"), 1, 11, "a repeat count of at least 1");
        AssertAt(Fails("- repeat: many\n  steps: [Rest for 1 h]\n"), 1, 11, "a whole repeat count");
        AssertAt(Fails("- repeat: 3\n"), 1, 3, "'steps:' with the list of steps to repeat");
        AssertAt(Fails("- repeat: 3\n  steps: []\n"), 2, 10, "at least one step");
        AssertAt(Fails("- repeat: 3\n  stesp: [Rest for 1 h]\n"), 2, 3, "one of repeat, steps in a repeat");
    }

    [Fact]
    public void Top_level_shape_errors()
    {
        AssertAt(Fails("protocol:\n  stop_on_short: maybe\n  steps: [Rest for 1 h]\n"), 2, 18, "true or false");
        AssertAt(Fails("protocol:\n  stop_on_short: true\n"), 2, 3, "'steps:' with a list of steps");
        AssertAt(Fails("protocol: 42\n"), 1, 11, "a protocol: a mapping with 'steps:'");
        AssertAt(Fails("protocol: [\n"), 2, 1, "valid YAML");
        AssertAt(Fails(""), 1, 1, "a protocol");
    }
}
