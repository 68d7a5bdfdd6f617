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
    public void Durations(string text, double seconds)
    {
        Assert.True(FieldParsers.TryDuration(text, FieldParsers.DecimalPoint, out var s));
        Assert.Equal(seconds, s, 9);
    }

    [Theory]
    [InlineData("00:61:00")]
    [InlineData("ab:00:00")]
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
    public void Step_kinds(string text, StepKind kind) => Assert.Equal(kind, FieldParsers.StepKindOf(text));
}
