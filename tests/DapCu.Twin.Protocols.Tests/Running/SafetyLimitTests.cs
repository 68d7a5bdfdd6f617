using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>A cycler's safety limits stop a test when the terminal voltage leaves them.</summary>
public sealed class SafetyLimitTests
{
    [Fact]
    public void Text_form_reads_the_range_and_formats_back()
    {
        var p = ProtocolText.Parse("Safety limits: -1 V to 1 V\nRest for 1 h");
        Assert.Equal(-1.0, p.SafetyMin_V);
        Assert.Equal(1.0, p.SafetyMax_V);
        Assert.True(ProtocolEquivalence.AreEquivalent(p, ProtocolText.Parse(ProtocolFormatter.ToText(p))));
    }

    [Fact]
    public void Yaml_form_reads_the_range()
    {
        var p = ProtocolYaml.Parse("protocol:\n  safety_limits: -500 mV to 2 V\n  steps:\n    - Rest for 1 h\n", "s.yaml");
        Assert.Equal(-0.5, p.SafetyMin_V);
        Assert.Equal(2.0, p.SafetyMax_V);
    }

    [Theory]
    [InlineData("Safety limits: 1 V to -1 V\nRest for 1 h", 1, "lower limit below the upper")]
    [InlineData("Safety limits: -1 V 1 V\nRest for 1 h", 1, "'to'")]
    [InlineData("Safety limits: -1 mA to 1 V\nRest for 1 h", 1, "voltage unit")]
    [InlineData("Repeat 2 times:\n  Safety limits: -1 V to 1 V\n  Rest for 1 h", 2, "once, at the top level")]
    public void Bad_limits_name_line_and_expectation(string text, int line, string expected)
    {
        var e = Assert.Throws<ProtocolSyntaxException>(() => ProtocolText.Parse(text));
        Assert.Equal(line, e.Line);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_symmetric_cell_that_runs_out_of_li_is_stopped_at_the_limit()
    {
        // 0.3 mAh/cm2 pre-plated per side cannot supply 1 mAh/cm2 half cycles: the first strip runs the
        // electrode out, its potential climbs to the substrate's (~3 V), past the 1 V limit.
        var design = new CellDesign { Kind = CellKind.Symmetric, Substrate = LiSubstrate.PlanarCu, PreplatedLi_mAh_cm2 = 0.3 };
        var model = new CellModel(design, ParameterSets.Chen2024);
        var protocol = ProtocolText.Parse("Safety limits: -1 V to 1 V\nRepeat 10 times:\n  Discharge at 1 mA/cm2 for 1 h\n  Charge at 1 mA/cm2 for 1 h");
        var run = ProtocolRunner.Run(model, model.CreateInitialState(1), protocol, new RunOptions { OutputResolution_s = 60 });
        Assert.True(run.EndedEarly);
        Assert.Equal(EndReasons.SafetyLimit, run.EndReason);
        Assert.Contains(run.Events, e => e.Kind == CellEventKind.Note && e.Detail.Contains("safety limits"));
        Assert.True(run.TimeSeries[^1].Time_s < 3600.0, "the run stops within the first half cycle");
    }
}
