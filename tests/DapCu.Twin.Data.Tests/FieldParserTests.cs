using System.Globalization;
using DapCu.Twin.Data.Formats;

namespace DapCu.Twin.Data.Tests;

public class FieldParserTests
{
    [Fact]
    public void Fast_decimal_path_equals_double_parse_bit_for_bit()
    {
        var random = new Random(42);
        for (int k = 0; k < 200_000; k++)
        {
            double x = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-9, 9));
            string text = x.ToString("F" + random.Next(0, 16), CultureInfo.InvariantCulture);
            Assert.True(FieldParsers.TryNumber(text, FieldParsers.DecimalPoint, out var fast));
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("-", false)]
    [InlineData("1.2.3", false)]
    [InlineData("3 V", false)]
    [InlineData("NaN", false)]
    [InlineData("1e3", true)]
    [InlineData(".5", true)]
    [InlineData("5.", true)]
    [InlineData("-0.00024859", true)]
    public void Accepts_numbers_and_rejects_the_rest(string text, bool ok) =>
        Assert.Equal(ok, FieldParsers.TryNumber(text, FieldParsers.DecimalPoint, out _));

    [Theory]
    [InlineData("  0d 00:00:01.0000", 1.0)]
    [InlineData("1d 01:00:00.5000", 90000.5)]
    [InlineData("144:02:18", 518538.0)]
    [InlineData("00:00:00", 0.0)]
    [InlineData("12.5", 12.5)]
    [InlineData("  0d 00:00:5.05000019073486", 5.05000019073486)] // cellpy maccor_001.txt
    [InlineData("1-02:03:04", 93784.0)] // Landt
    [InlineData("1.02:03:04.5", 93784.5)] // .NET TimeSpan
    [InlineData("1 day, 2:03:04", 93784.0)] // pandas timedelta
    [InlineData("2 days 00:00:01", 172801.0)]
    [InlineData("05:30.5", 330.5)] // mm:ss.f
    public void Durations(string text, double seconds)
    {
        Assert.True(FieldParsers.TryDuration(text, FieldParsers.DecimalPoint, out var s));
        Assert.Equal(seconds, s, 9);
    }

    [Theory]
    [InlineData("00:61:00")]
    [InlineData("ab:00:00")]
    [InlineData("x 01:00:00")]
    [InlineData("1d 05:30")]
    [InlineData("")]
    public void Bad_durations(string text) => Assert.False(FieldParsers.TryDuration(text, FieldParsers.DecimalPoint, out _));

    [Theory]
    [InlineData("CC DChg", StepKind.Discharge)]
    [InlineData("CCCV Chg", StepKind.Charge)]
    [InlineData("discharge CC", StepKind.Discharge)]
    [InlineData("Rest", StepKind.Rest)]
    [InlineData("D", StepKind.Discharge)]
    [InlineData("C", StepKind.Charge)]
    [InlineData("FRA", StepKind.Other)]
    [InlineData("恒流放电", StepKind.Discharge)]
    [InlineData("恒流恒压充电", StepKind.Charge)]
    [InlineData("搁置", StepKind.Rest)]
    [InlineData("D_CC", StepKind.Discharge)]
    [InlineData("C_CV", StepKind.Charge)]
    [InlineData("CCD", StepKind.Discharge)]
    [InlineData("RateC", StepKind.Charge)]
    [InlineData("CCCV", StepKind.Other)]
    public void Step_kinds(string text, StepKind kind) => Assert.Equal(kind, FieldParsers.StepKindOf(text));
}
