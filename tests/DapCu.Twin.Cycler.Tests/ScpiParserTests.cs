using DapCu.Twin.Cycler.Scpi;

namespace DapCu.Twin.Cycler.Tests;

public class ScpiParserTests
{
    private static ScpiCommand One(string line)
    {
        var units = ScpiParser.Parse(line);
        Assert.Single(units);
        Assert.Null(units[0].Error);
        return units[0].Command!;
    }

    private static int ErrorOf(string line) =>
        ScpiParser.Parse(line).Last().Error?.Error.Code ?? throw new Xunit.Sdk.XunitException($"'{line}' parsed without error");

    [Theory]
    [InlineData(":SOURce:CURRent:LEVel 1e-3")]
    [InlineData(":sour:curr:lev 1e-3")]
    [InlineData("sour:CURR:Level 0.001")]
    [InlineData("  :SOUR:CURR:LEV\t1mA  ")]
    [InlineData(":SOURCE:CURRENT:LEVEL 1000uA")]
    public void Long_short_case_and_colon_forms_give_the_same_command(string line)
    {
        var c = One(line);
        Assert.True(new ScpiPattern("[:SOURce[1]]:CURRent[:LEVel][:IMMediate][:AMPLitude]").Matches(c.Path));
        Assert.Equal(1e-3, c.Parameters[0].Number, 12);
    }

    [Fact]
    public void Optional_nodes_and_suffixes_follow_the_pattern()
    {
        var p = new ScpiPattern("[:SENSe[1]]:VOLTage[:DC]:PROTection[:LEVel]");
        foreach (var line in new[] { ":SENS:VOLT:PROT 1", ":VOLT:PROT 1", ":SENS1:VOLT:DC:PROT:LEV 1", "sense:voltage:protection 1" })
            Assert.True(p.Matches(One(line).Path), line);
        foreach (var line in new[] { ":SENS2:VOLT:PROT 1", ":SENS:VOL:PROT 1", ":SENS:VOLT:PROT:LEV:LEV 1", ":SENS:VOLTAGES:PROT 1" })
            Assert.False(p.Matches(One(line).Path), line);
        Assert.True(new ScpiPattern(":CALCulate3:DATA").Matches(One(":CALC3:DATA?").Path));
        Assert.False(new ScpiPattern(":CALCulate3:DATA").Matches(One(":CALC:DATA?").Path));
    }

    [Fact]
    public void Compound_commands_keep_the_path_context()
    {
        var units = ScpiParser.Parse(":SOUR:CURR 1;VOLT 2;:OUTP ON;*CLS;STAT 0");
        Assert.All(units, u => Assert.Null(u.Error));
        Assert.Equal(":SOUR:CURR", units[0].Command!.Header);
        Assert.Equal(":SOUR:VOLT", units[1].Command!.Header);   // relative to :SOUR
        Assert.Equal(":OUTP", units[2].Command!.Header);
        Assert.Equal("*CLS", units[3].Command!.Header);
        Assert.Equal(":STAT", units[4].Command!.Header);         // common commands keep the context (root here)
    }

    [Fact]
    public void PyMeasure_reset_line_with_trailing_semicolon_and_colon_star()
    {
        var units = ScpiParser.Parse("status:queue:clear;*RST;:stat:pres;:*CLS;");
        Assert.Equal(["STATUS:QUEUE:CLEAR".Replace("STATUS", ":STATUS"), "*RST", ":STAT:PRES", "*CLS"],
            units.Select(u => u.Command!.Header).ToArray());
    }

    [Fact]
    public void Queries_are_flagged_and_may_be_chained()
    {
        var units = ScpiParser.Parse("*IDN?;:SOUR:FUNC?;:system:error?");
        Assert.All(units, u => Assert.True(u.Command!.IsQuery));
        Assert.Equal("*IDN?", units[0].Command!.Header);
        Assert.Equal(":SYSTEM:ERROR?", units[2].Command!.Header);
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-2.5E-3", -2.5e-3)]
    [InlineData("+.5", 0.5)]
    [InlineData("1.5e+2", 150)]
    [InlineData("10 mV", 0.01)]
    [InlineData("2.5k", 2500)]
    [InlineData("3uA", 3e-6)]
    [InlineData("100nA", 100e-9)]
    [InlineData("4.2V", 4.2)]
    [InlineData("1MOHM", 1e6)]
    [InlineData("1MA", 1e-3)]
    [InlineData("#H1F", 31)]
    [InlineData("#B101", 5)]
    [InlineData("#Q17", 15)]
    public void Numbers_with_suffixes_and_radixes(string text, double expected)
    {
        var p = One($":SOUR:CURR {text}").Parameters[0];
        Assert.Equal(ScpiParameterKind.Numeric, p.Kind);
        Assert.Equal(expected, p.Number, 12);
    }

    [Fact]
    public void Character_data_strings_and_lists()
    {
        var c = One(":FORM:ELEM VOLTAGE, CURRENT,res , TIME,STAT");
        Assert.Equal(["VOLTAGE", "CURRENT", "RES", "TIME", "STAT"], c.Parameters.Select(p => p.Text).ToArray());
        var f = One(":SENS:FUNC 'VOLT:DC',\"CURR\"");
        Assert.Equal(["VOLT:DC", "CURR"], f.Parameters.Select(p => p.Text).ToArray());
        Assert.All(f.Parameters, p => Assert.Equal(ScpiParameterKind.String, p.Kind));
        Assert.Equal("it's", One(":DISP:TEXT:DATA 'it''s'").Parameters[0].Text);
        Assert.Equal("a;b", One(":DISP:TEXT:DATA \"a;b\"").Parameters[0].Text);  // ';' inside a string is data
        Assert.True(One(":OUTP ON").Parameters[0].AsBoolean());
        Assert.False(One(":OUTP 0").Parameters[0].AsBoolean());
        Assert.Equal(7.0, One(":SOUR:CURR MAX").Parameters[0].AsNumber(1, 2, 7));
        Assert.Equal(1.0, One(":SOUR:CURR DEF").Parameters[0].AsNumber(1, 2, 7));
    }

    [Theory]
    [InlineData("SOUR::CURR 1", -102)]
    [InlineData(":", -102)]
    [InlineData("*", -102)]
    [InlineData("SOUR:CURR,1", -111)]
    [InlineData("SOUR:CURR 1,", -102)]
    [InlineData("SOUR:CURR 1 XYZ", -131)]
    [InlineData("SOUR:CURR 1.2.3", -131)]
    [InlineData("SOUR:CURR -", -121)]
    [InlineData("SOUR:CURR #Z12", -120)]
    [InlineData("SOUR:CURR #HXYZ", -121)]
    [InlineData("SOUR:CURR 1e999", -123)]
    [InlineData("DISP:TEXT:DATA 'open", -151)]
    [InlineData("SOURCEOFTHECURRENT:LEV 1", -112)]
    [InlineData("SOUR:CURR @", -102)]
    [InlineData("SOUR\u0001", -101)]
    public void Malformed_units_give_the_instrument_error_code(string line, int code) => Assert.Equal(code, ErrorOf(line));

    [Fact]
    public void Units_after_a_syntax_error_are_not_parsed()
    {
        var units = ScpiParser.Parse("*RST;SOUR::CURR 1;*CLS");
        Assert.Equal(2, units.Count);
        Assert.NotNull(units[0].Command);
        Assert.Equal(-102, units[1].Error!.Error.Code);
    }

    [Fact]
    public void Number_format_matches_the_2400()
    {
        Assert.Equal("+1.000100E+00", ScpiFormat.Number(1.0001));
        Assert.Equal("-2.500000E-03", ScpiFormat.Number(-2.5e-3));
        Assert.Equal("+9.910000E+37", ScpiFormat.Number(ScpiFormat.NotMeasured));
        Assert.Equal("+2.150800E+04", ScpiFormat.Number(21508));
        Assert.Equal("+0.000000E+00", ScpiFormat.Number(0));
    }
}
