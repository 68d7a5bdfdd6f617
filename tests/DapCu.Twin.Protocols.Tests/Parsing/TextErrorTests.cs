using DapCu.Twin.Protocols.Parsing;

namespace DapCu.Twin.Protocols.Tests.Parsing;

/// <summary>Bad protocol text: each error names the source, the 1-based line and column, and what was expected.</summary>
public class TextErrorTests
{
    private static ProtocolSyntaxException Fails(string text, string source = "<protocol>") =>
        Assert.Throws<ProtocolSyntaxException>(() => ProtocolText.Parse(text, source));

    private static void AssertAt(ProtocolSyntaxException e, int line, int column, string expectedContains)
    {
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(expectedContains, e.Expected);
        Assert.StartsWith($"{e.SourceName}: line {line}, column {column}: expected ", e.Message);
    }

    [Fact]
    public void Unknown_current_unit_matches_the_brief_example()
    {
        var e = Fails("Rest for 1 h\nRest for 2 h\nDischarge at 1.5 mX/cm2 for 1 h");
        AssertAt(e, 3, 18, "a current unit (mA/cm2, mA, A, C) after '1.5'");
        Assert.Equal("<protocol>: line 3, column 18: expected a current unit (mA/cm2, mA, A, C) after '1.5', found 'mX/cm2'; did you mean 'mA/cm2'?",
            e.Message);
    }

    [Fact]
    public void Source_name_is_in_the_message()
    {
        var e = Fails("Charge at 1 mA/cm2", "symmetric.txt");
        Assert.Equal("symmetric.txt", e.SourceName);
        Assert.StartsWith("symmetric.txt: line 1, column 19: ", e.Message);
    }

    [Theory]
    [InlineData("Charge at 1 mA/cm2", 19)]
    [InlineData("Discharge at 1C", 16)]
    public void A_charge_or_discharge_step_must_end(string line, int column)
    {
        var e = Fails(line);
        AssertAt(e, 1, column, "'for <duration>' or 'until <cutoff>' (a step must end");
        Assert.Equal("end of line", e.Found);
    }

    [Fact]
    public void A_rest_must_have_a_duration() => AssertAt(Fails("Rest"), 1, 5, "'for <duration>'");

    [Theory]
    [InlineData("Charge at 0 mA/cm2 for 1 h", 11, "a positive current")]
    [InlineData("Charge at -1 mA/cm2 for 1 h", 11, "a positive current")]
    [InlineData("Rest for 0 min", 10, "a positive time")]
    [InlineData("Rest for -5 min", 10, "a positive time")]
    [InlineData("Plate at 1 mA/cm2 until 0 mAh/cm2", 25, "a positive capacity cutoff")]
    [InlineData("Hold at 4.2 V until 0 mA", 21, "a positive current cutoff")]
    public void Zero_or_negative_magnitudes_are_rejected(string line, int column, string expected) =>
        AssertAt(Fails(line), 1, column, expected);

    [Fact]
    public void A_rest_with_a_current_is_rejected_at_at()
    {
        var e = Fails("Rest at 1 mA/cm2 for 1 h");
        AssertAt(e, 1, 6, "a rest has no current");
        Assert.Equal("'at'", e.Found);
    }

    [Fact]
    public void A_rest_cannot_end_on_a_cutoff() => AssertAt(Fails("Rest for 1 h or until 3 V"), 1, 17, "a rest ends only by time");

    [Theory]
    [InlineData("Dischage at 1 mA/cm2 for 1 h", 1, "Discharge")]
    [InlineData("Chrage at 1 mA/cm2 for 1 h", 1, "Charge")]
    [InlineData("Repaet 3 times", 1, "Repeat")]
    [InlineData("Rets for 1 h", 1, "Rest")]
    public void Unknown_first_word_suggests_the_nearest_keyword(string line, int column, string suggestion)
    {
        var e = Fails(line);
        AssertAt(e, 1, column, "a step (Charge, Discharge, Plate, Strip, Rest, Hold) or 'Repeat'");
        Assert.Equal($"did you mean '{suggestion}'?", e.Hint);
    }

    [Fact]
    public void Misspelt_clause_word_gets_a_suggestion()
    {
        var e = Fails("Charge at 1 mA/cm2 unitl 1 V");
        AssertAt(e, 1, 20, "'for' or 'until'");
        Assert.Equal("did you mean 'until'?", e.Hint);
        Assert.Equal("did you mean 'at'?", Fails("Charge ta 1 mA/cm2 for 1 h").Hint);
    }

    [Fact]
    public void Misspelt_unit_gets_a_suggestion()
    {
        var e = Fails("Rest for 2 huors");
        AssertAt(e, 1, 12, "a time unit (s, min, h, day) after '2'");
        Assert.Equal("did you mean 'hours'?", e.Hint);
    }

    [Fact]
    public void A_unit_of_the_wrong_kind_names_what_it_is()
    {
        var e = Fails("Discharge at 1 V for 1 h");
        AssertAt(e, 1, 16, "a current unit (mA/cm2, mA, A, C) after '1'");
        Assert.Equal("'V' (a voltage)", e.Found);
    }

    [Fact]
    public void A_current_cutoff_on_a_constant_current_step_points_to_hold()
    {
        var e = Fails("Charge at 1 mA/cm2 until 0.05 mA/cm2");
        AssertAt(e, 1, 31, "a cutoff unit (V, mV, mAh/cm2, mAh, Ah) after '0.05'");
        Assert.Contains("Hold at", e.Hint);
    }

    [Fact]
    public void A_missing_number_is_named()
    {
        var e = Fails("Charge at fast for 1 h");
        AssertAt(e, 1, 11, "a current (a number with a unit: mA/cm2, mA, A, C)");
        Assert.Equal("'fast'", e.Found);
    }

    [Fact]
    public void Two_durations_or_two_voltage_cutoffs_are_rejected()
    {
        AssertAt(Fails("Rest for 1 h or for 2 h"), 1, 17, "one duration per step");
        AssertAt(Fails("Charge at 1 mA until 4.2 V or 4.3 V"), 1, 31, "one cutoff of each kind");
    }

    [Fact]
    public void Text_after_a_complete_step_must_be_joined_by_or() =>
        AssertAt(Fails("Charge at 1 mA for 1 h and until 4 V"), 1, 24, "'or' or the end of the step");

    [Theory]
    [InlineData("Rest for 1 h\nRepeat 0 times", 2, 8, "a repeat count of at least 1")]
    [InlineData("Rest for 1 h\nRepeat -2 times", 2, 8, "a repeat count of at least 1")]
    [InlineData("Rest for 1 h\nRepeat 2.5 times", 2, 8, "a whole repeat count")]
    [InlineData("Rest for 1 h\nRepeat many times", 2, 8, "a whole repeat count")]
    [InlineData("Rest for 1 h\nRepeat 3", 2, 9, "'times' after 'Repeat 3'")]
    [InlineData("Repeat 0 times:\n  Rest for 1 h", 1, 8, "a repeat count of at least 1")]
    [InlineData("(Rest for 1 h) * 0", 1, 18, "a repeat count of at least 1")]
    public void Bad_repeat_counts(string text, int line, int column, string expected) =>
        AssertAt(Fails(text), line, column, expected);

    [Fact]
    public void A_trailing_repeat_needs_steps_before_it()
    {
        AssertAt(Fails("Repeat 3 times"), 1, 1, "steps before a trailing 'Repeat'");
        AssertAt(Fails("Rest for 1 h\nRepeat 3 times\nRepeat 2 times"), 3, 1, "steps before a trailing 'Repeat'");
    }

    [Fact]
    public void Unexpected_indentation_is_rejected_with_a_colon_hint_after_a_trailing_repeat()
    {
        AssertAt(Fails("Rest for 1 h\n  Rest for 2 h"), 2, 3, "no indentation beyond column 1");
        var e = Fails("Rest for 1 h\nRepeat 3 times\n    Rest for 2 h");
        AssertAt(e, 3, 5, "no indentation beyond column 1");
        Assert.Contains("ends with ':'", e.Hint);
    }

    [Fact]
    public void Dedent_to_an_unknown_depth_is_rejected()
    {
        var e = Fails("Repeat 2 times:\n    Rest for 1 h\n  Rest for 2 h");
        AssertAt(e, 3, 3, "indentation matching an enclosing block (column 1)");
    }

    [Fact]
    public void A_block_repeat_needs_an_indented_body()
    {
        AssertAt(Fails("Repeat 2 times:\nRest for 1 h"), 2, 1, "an indented step in the body of 'Repeat 2 times:' (line 1)");
        var e = Fails("Rest for 1 h\nRepeat 2 times:\n# nothing\n");
        AssertAt(e, 2, 1, "an indented step in the body of 'Repeat 2 times:'");
        Assert.Equal("end of protocol", e.Found);
    }

    [Fact]
    public void Tabs_in_indentation_are_rejected() =>
        AssertAt(Fails("Repeat 2 times:\n\tRest for 1 h"), 2, 1, "spaces for indentation");

    [Fact]
    public void Stop_on_short_errors()
    {
        AssertAt(Fails("Stop on short: maybe\nRest for 1 h"), 1, 16, "'yes' or 'no'");
        AssertAt(Fails("Stop on short: no\nStop on short: yes\nRest for 1 h"), 2, 1, "'Stop on short' once");
        AssertAt(Fails("Repeat 2 times:\n  Stop on short: no\n  Rest for 1 h"), 2, 3, "at the top level");
    }

    [Fact]
    public void An_empty_protocol_is_rejected() =>
        AssertAt(Fails("# nothing here\n\n"), 1, 1, "at least one step");

    [Fact]
    public void Errors_inside_groups_point_into_the_line()
    {
        AssertAt(Fails("(Discharge at 1C until 2.5 V, Charge at 1C)"), 1, 43, "a step must end");
        AssertAt(Fails("(Discharge at 1C until 2.5 V; Charge at 1C until 4 V)"), 1, 29, "'or' or the end of the step");
        AssertAt(Fails("(Rest for 1 h) x 3"), 1, 16, "'* <count>' or end of line");
    }

    [Fact]
    public void Errors_on_later_lines_count_comment_and_blank_lines()
    {
        var e = Fails("# header\n\nRepeat 2 times:\n    Discharge at 1 mA/cm2 for 1 h\n\n    Charge at 1 mA/cm2 until 1 volts\n");
        AssertAt(e, 6, 32, "a cutoff unit");
    }

    [Fact]
    public void Overflowing_numbers_are_rejected() =>
        AssertAt(Fails("Charge at 1e999 mA/cm2 for 1 h"), 1, 11, "a finite number");

    [Fact]
    public void Unit_suggestions_come_from_the_expected_kind()
    {
        // 'W' is one edit from 'V', but a voltage is no current: no misleading suggestion.
        var e = Fails("Discharge at 1 W for 1 h");
        AssertAt(e, 1, 16, "a current unit");
        Assert.Null(e.Hint);
        Assert.Equal("did you mean 'mA'?", Fails("Discharge at 1 mAA for 1 h").Hint);
    }
}
