using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Parsing;

namespace DapCu.Twin.Protocols.Tests.Parsing;

/// <summary>One step per line: every step form of the brief and PyBaMM's Experiment strings.</summary>
public class TextStepTests
{
    internal static ProtocolStep Step(string line) =>
        Assert.IsType<ProtocolStep>(Assert.Single(ProtocolText.Parse(line).Nodes));

    [Fact]
    public void Discharge_for_a_time_has_current_and_duration()
    {
        var step = Step("Discharge at 1 mA/cm2 for 1 h");
        Assert.Equal(StepKind.Discharge, step.Kind);
        Assert.Equal(new CurrentSpec(1, CurrentUnit.MilliAmpPerCm2), step.Current);
        Assert.Equal(3600, step.Duration_s);
        Assert.Empty(step.Cutoffs);
        Assert.Null(step.HoldVoltage_V);
        Assert.Equal(new SourceLocation(1, 1), step.Location);
    }

    [Fact]
    public void Charge_until_a_voltage_has_a_voltage_cutoff_and_no_duration()
    {
        var step = Step("Charge at 1 mA/cm2 until 1 V");
        Assert.Equal(StepKind.Charge, step.Kind);
        Assert.Null(step.Duration_s);
        Assert.Equal(new VoltageCutoff(1), Assert.Single(step.Cutoffs));
    }

    [Fact]
    public void Time_or_voltage_gives_both_end_conditions()
    {
        var step = Step("Charge at 0.5 mA for 2 hours or until 4.2 V");
        Assert.Equal(new CurrentSpec(0.5, CurrentUnit.MilliAmp), step.Current);
        Assert.Equal(7200, step.Duration_s);
        Assert.Equal(new VoltageCutoff(4.2), Assert.Single(step.Cutoffs));
    }

    [Fact]
    public void Until_then_for_in_either_order()
    {
        var step = Step("Discharge at 1C until 2.5 V or for 90 min");
        Assert.Equal(5400, step.Duration_s);
        Assert.Equal(new VoltageCutoff(2.5), Assert.Single(step.Cutoffs));
    }

    [Theory]
    [InlineData("Discharge at 1C until 2.5 V", 1.0)]
    [InlineData("Discharge at C/5 until 1.7 V", 0.2)]
    [InlineData("Discharge at 0.2C until 1.7 V", 0.2)]
    [InlineData("Discharge at 5 C until 1.7 V", 5.0)]
    [InlineData("Charge at C/2 for 2 hours or until 4.2 V", 0.5)]
    public void C_rates(string line, double rate)
    {
        var current = Step(line).Current!.Value;
        Assert.Equal(CurrentUnit.CRate, current.Unit);
        Assert.Equal(rate, current.Value, 12);
    }

    [Fact]
    public void Rest_has_only_a_duration()
    {
        var step = Step("Rest for 10 min");
        Assert.Equal(StepKind.Rest, step.Kind);
        Assert.Null(step.Current);
        Assert.Equal(600, step.Duration_s);
        Assert.Empty(step.Cutoffs);
    }

    [Fact]
    public void Hold_until_a_current_is_a_CV_step_with_a_current_cutoff()
    {
        var step = Step("Hold at 4.2 V until 0.05 mA/cm2");
        Assert.Equal(StepKind.Hold, step.Kind);
        Assert.Equal(4.2, step.HoldVoltage_V);
        Assert.Null(step.Current);
        Assert.Equal(new CurrentCutoff(new CurrentSpec(0.05, CurrentUnit.MilliAmpPerCm2)), Assert.Single(step.Cutoffs));
    }

    [Fact]
    public void Hold_for_a_time_and_PyBaMM_C_rate_cutoff()
    {
        var timed = Step("Hold at 3.6 V for 30 min");
        Assert.Equal(3.6, timed.HoldVoltage_V);
        Assert.Equal(1800, timed.Duration_s);

        var cut = Assert.IsType<CurrentCutoff>(Assert.Single(Step("Hold at 4.2 V until C/50").Cutoffs));
        Assert.Equal(CurrentUnit.CRate, cut.Current.Unit);
        Assert.Equal(0.02, cut.Current.Value, 12);
    }

    [Fact]
    public void Capacity_cutoffs_areal_and_absolute()
    {
        Assert.Equal(new CapacityCutoff(1), Assert.Single(Step("Discharge at 1 mA/cm2 until 1 mAh/cm2").Cutoffs));
        Assert.Equal(new AbsoluteCapacityCutoff(2), Assert.Single(Step("Discharge at 1 mA until 2 mAh").Cutoffs));
        Assert.Equal(new AbsoluteCapacityCutoff(1500), Assert.Single(Step("Discharge at 1 A until 1.5 Ah").Cutoffs));
    }

    [Fact]
    public void Several_cutoffs_joined_by_or()
    {
        var step = Step("Discharge at 1 mA/cm2 until 0.5 V or 2 mAh/cm2 or for 3 h");
        Assert.Equal([new VoltageCutoff(0.5), new CapacityCutoff(2)], step.Cutoffs);
        Assert.Equal(10800, step.Duration_s);
        Assert.Equal(step.Cutoffs, Step("Discharge at 1 mA/cm2 until 0.5 V or until 2 mAh/cm2").Cutoffs);
    }

    [Fact]
    public void Twelve_minutes_at_five_mA_per_cm2()
    {
        var step = Step("Charge at 5 mA/cm2 for 12 minutes");
        Assert.Equal(new CurrentSpec(5, CurrentUnit.MilliAmpPerCm2), step.Current);
        Assert.Equal(720, step.Duration_s);
    }

    [Fact]
    public void Plate_and_strip_are_discharge_and_charge_of_a_Li_Cu_half_cell()
    {
        Assert.Equal(StepKind.Discharge, Step("Plate at 1 mA/cm2 for 1 h").Kind);
        Assert.Equal(StepKind.Charge, Step("Strip at 1 mA/cm2 until 1 V").Kind);
    }

    [Theory]
    [InlineData("DISCHARGE AT 1 MA/CM2 FOR 1 H")]
    [InlineData("discharge at 1 ma/cm2 for 1 h")]
    [InlineData("Discharge   at\t1mA/cm2   for 1h")]
    public void Keywords_and_units_are_case_and_space_insensitive(string line)
    {
        var step = Step(line);
        Assert.Equal(StepKind.Discharge, step.Kind);
        Assert.Equal(new CurrentSpec(1, CurrentUnit.MilliAmpPerCm2), step.Current);
        Assert.Equal(3600, step.Duration_s);
    }

    [Fact]
    public void Negative_voltage_cutoffs_are_allowed_for_half_cells()
    {
        Assert.Equal(new VoltageCutoff(-0.5), Assert.Single(Step("Plate at 1 mA/cm2 until -0.5 V").Cutoffs));
    }

    [Fact]
    public void Step_locations_name_line_and_column_of_the_first_word()
    {
        var p = ProtocolText.Parse("# formation\n\nRepeat 2 times:\n  Rest for 1 min\n");
        var loop = Assert.IsType<ProtocolLoop>(Assert.Single(p.Nodes));
        Assert.Equal(new SourceLocation(3, 1), loop.Location);
        Assert.Equal(new SourceLocation(4, 3), loop.Body[0].Location);
    }
}
