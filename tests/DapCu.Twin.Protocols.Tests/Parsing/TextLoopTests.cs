using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Parsing;

namespace DapCu.Twin.Protocols.Tests.Parsing;

/// <summary>Loops in their three spellings, nesting, comments and the stop-on-short switch.</summary>
public class TextLoopTests
{
    private static StepKind Kind(ProtocolNode node) => Assert.IsType<ProtocolStep>(node).Kind;

    [Fact]
    public void Block_repeat_owns_its_indented_lines()
    {
        var p = ProtocolText.Parse("""
            Discharge at 1 mA/cm2 for 2 h
            Repeat 100 times:
                Discharge at 1 mA/cm2 for 1 h
                Charge at 1 mA/cm2 until 1 V
            Rest for 1 h
            """);
        Assert.Equal(3, p.Nodes.Count);
        var loop = Assert.IsType<ProtocolLoop>(p.Nodes[1]);
        Assert.Equal(100, loop.Count);
        Assert.Equal([StepKind.Discharge, StepKind.Charge], loop.Body.Select(Kind));
        Assert.Equal(StepKind.Rest, Kind(p.Nodes[2]));
    }

    [Fact]
    public void Nested_blocks_close_on_dedent()
    {
        var p = ProtocolText.Parse("""
            Repeat 10 times:
              Repeat 5 times:
                Charge at 1C until 4.2 V
                Discharge at 1C until 2.5 V
              Hold at 4.2 V until 0.05 mA/cm2
            Rest for 1 day
            """);
        var outer = Assert.IsType<ProtocolLoop>(p.Nodes[0]);
        Assert.Equal(10, outer.Count);
        var inner = Assert.IsType<ProtocolLoop>(outer.Body[0]);
        Assert.Equal(5, inner.Count);
        Assert.Equal(2, inner.Body.Count);
        Assert.Equal(StepKind.Hold, Kind(outer.Body[1]));
        Assert.Equal(StepKind.Rest, Kind(p.Nodes[1]));
    }

    [Fact]
    public void Trailing_repeat_wraps_the_steps_since_the_start()
    {
        var p = ProtocolText.Parse("Discharge at 1 mA/cm2 for 1 h\nCharge at 1 mA/cm2 until 1 V\nRepeat 100 times\n");
        var loop = Assert.IsType<ProtocolLoop>(Assert.Single(p.Nodes));
        Assert.Equal(100, loop.Count);
        Assert.Equal([StepKind.Discharge, StepKind.Charge], loop.Body.Select(Kind));
        Assert.Equal(new SourceLocation(3, 1), loop.Location);
    }

    [Fact]
    public void Trailing_repeat_wraps_only_the_steps_since_the_previous_repeat()
    {
        var p = ProtocolText.Parse("""
            # formation at C/10, then cycling at 1C
            Charge at C/10 until 4.2 V
            Discharge at C/10 until 2.5 V
            Repeat 3 times
            Charge at 1C until 4.2 V
            Discharge at 1C until 2.5 V
            Rest for 10 min
            Repeat 100 times
            Rest for 1 h
            """);
        Assert.Equal(3, p.Nodes.Count);
        var formation = Assert.IsType<ProtocolLoop>(p.Nodes[0]);
        var cycling = Assert.IsType<ProtocolLoop>(p.Nodes[1]);
        Assert.Equal((3, 2), (formation.Count, formation.Body.Count));
        Assert.Equal((100, 3), (cycling.Count, cycling.Body.Count));
        Assert.Equal(StepKind.Rest, Kind(p.Nodes[2]));
    }

    [Fact]
    public void Trailing_repeat_after_a_block_repeat_starts_after_the_block()
    {
        var p = ProtocolText.Parse("""
            Repeat 2 times:
                Rest for 1 min
            Charge at 1 mA until 1 V
            Repeat 7 times
            """);
        Assert.Equal(2, p.Nodes.Count);
        Assert.Equal(2, Assert.IsType<ProtocolLoop>(p.Nodes[0]).Count);
        var trailing = Assert.IsType<ProtocolLoop>(p.Nodes[1]);
        Assert.Equal(7, trailing.Count);
        Assert.Equal(StepKind.Charge, Kind(Assert.Single(trailing.Body)));
    }

    [Fact]
    public void Trailing_repeat_inside_a_block_stays_in_the_block()
    {
        var p = ProtocolText.Parse("""
            Repeat 4 times:
                Charge at 1 mA until 1 V
                Repeat 3 times
                Rest for 1 h
            """);
        var outer = Assert.IsType<ProtocolLoop>(Assert.Single(p.Nodes));
        Assert.Equal(3, Assert.IsType<ProtocolLoop>(outer.Body[0]).Count);
        Assert.Equal(StepKind.Rest, Kind(outer.Body[1]));
    }

    [Fact]
    public void PyBaMM_style_group_times_count()
    {
        var p = ProtocolText.Parse("(Discharge at 1C until 2.5 V, Charge at 1C until 3.8 V) * 100");
        var loop = Assert.IsType<ProtocolLoop>(Assert.Single(p.Nodes));
        Assert.Equal(100, loop.Count);
        Assert.Equal([StepKind.Discharge, StepKind.Charge], loop.Body.Select(Kind));
        Assert.Equal(new SourceLocation(1, 31), loop.Body[1].Location);
    }

    [Fact]
    public void Groups_nest_and_a_group_without_count_runs_once()
    {
        var p = ProtocolText.Parse("((Charge at 1C until 4.2 V, Rest for 5 min) * 3, Discharge at 1C until 2.5 V)");
        var outer = Assert.IsType<ProtocolLoop>(Assert.Single(p.Nodes));
        Assert.Equal(1, outer.Count);
        Assert.Equal(3, Assert.IsType<ProtocolLoop>(outer.Body[0]).Count);
        Assert.Equal(StepKind.Discharge, Kind(outer.Body[1]));
    }

    [Fact]
    public void Comments_blank_lines_and_windows_line_ends_are_ignored()
    {
        var p = ProtocolText.Parse("# plating test\r\n\r\n  \r\nPlate at 1 mA/cm2 for 1 h  # 1 mAh/cm2\r\n");
        Assert.Equal(3600, Assert.IsType<ProtocolStep>(Assert.Single(p.Nodes)).Duration_s);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("Stop on short: yes\n", true)]
    [InlineData("Stop on short: no\n", false)]
    [InlineData("stop ON short:   false\n", false)]
    public void Stop_on_short_defaults_to_yes(string header, bool expected) =>
        Assert.Equal(expected, ProtocolText.Parse(header + "Rest for 1 h").StopOnShort);
}
