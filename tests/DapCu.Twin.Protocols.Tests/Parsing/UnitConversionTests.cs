using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Tests.Parsing;

/// <summary>Every unit spelling converts to the model's units (s, V, mAh/cm2, mAh; currents keep their unit).</summary>
public class UnitConversionTests
{
    [Theory]
    [InlineData("30 s", 30)]
    [InlineData("30 sec", 30)]
    [InlineData("1 second", 1)]
    [InlineData("45 seconds", 45)]
    [InlineData("10 min", 600)]
    [InlineData("1 minute", 60)]
    [InlineData("12 minutes", 720)]
    [InlineData("1 h", 3600)]
    [InlineData("1.5 hr", 5400)]
    [InlineData("2 hours", 7200)]
    [InlineData("1 hour", 3600)]
    [InlineData("1 day", 86400)]
    [InlineData("2 days", 172800)]
    [InlineData("4000 h", 14_400_000)]
    [InlineData("0.5h", 1800)]
    public void Durations_in_seconds(string duration, double seconds) =>
        Assert.Equal(seconds, TextStepTests.Step($"Rest for {duration}").Duration_s!.Value, 9);

    [Theory]
    [InlineData("1 mA/cm2", 1, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("1 mA cm-2", 1, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("1 mA/cm^2", 1, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("1 mA cm^-2", 1, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("1 mA/cm²", 1, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("500 uA/cm2", 0.5, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("500 µA/cm2", 0.5, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("0.002 A/cm2", 2, CurrentUnit.MilliAmpPerCm2)]
    [InlineData("4 mA", 4, CurrentUnit.MilliAmp)]
    [InlineData("250 uA", 0.25, CurrentUnit.MilliAmp)]
    [InlineData("0.1 A", 0.1, CurrentUnit.Amp)]
    [InlineData("1C", 1, CurrentUnit.CRate)]
    [InlineData("0.2C", 0.2, CurrentUnit.CRate)]
    [InlineData("C/5", 0.2, CurrentUnit.CRate)]
    [InlineData("C/10", 0.1, CurrentUnit.CRate)]
    [InlineData("5 C", 5, CurrentUnit.CRate)]
    [InlineData("1e-3 A", 0.001, CurrentUnit.Amp)]
    public void Currents(string current, double value, CurrentUnit unit)
    {
        var c = TextStepTests.Step($"Charge at {current} for 1 h").Current!.Value;
        Assert.Equal(unit, c.Unit);
        Assert.Equal(value, c.Value, 12);
    }

    [Theory]
    [InlineData("1 V", 1)]
    [InlineData("4.2V", 4.2)]
    [InlineData("50 mV", 0.05)]
    [InlineData("-200 mV", -0.2)]
    public void Voltages_in_volts(string voltage, double volts) =>
        Assert.Equal(new VoltageCutoff(volts), Assert.Single(TextStepTests.Step($"Charge at 1 mA until {voltage}").Cutoffs));

    [Theory]
    [InlineData("1 mAh/cm2", 1)]
    [InlineData("2 mAh cm-2", 2)]
    [InlineData("8 mAh/cm^2", 8)]
    [InlineData("500 uAh/cm2", 0.5)]
    [InlineData("0.001 Ah/cm2", 1)]
    public void Areal_capacities_in_mAh_per_cm2(string capacity, double value)
    {
        var cutoff = Assert.IsType<CapacityCutoff>(Assert.Single(TextStepTests.Step($"Plate at 1 mA/cm2 until {capacity}").Cutoffs));
        Assert.Equal(value, cutoff.Capacity_mAh_cm2, 12);
    }

    [Theory]
    [InlineData("3 mAh", 3)]
    [InlineData("0.5 Ah", 500)]
    public void Absolute_capacities_in_mAh(string capacity, double value) =>
        Assert.Equal(new AbsoluteCapacityCutoff(value), Assert.Single(TextStepTests.Step($"Plate at 1 mA until {capacity}").Cutoffs));

    [Fact]
    public void Micro_conversions_are_exact()
    {
        // Division, not multiplication by 0.001: 500 uA/cm2 must be exactly 0.5 for comparisons and round trips.
        Assert.Equal(0.5, TextStepTests.Step("Charge at 500 uA/cm2 for 1 h").Current!.Value.Value);
        Assert.Equal(new VoltageCutoff(0.05), TextStepTests.Step("Charge at 1 mA until 50 mV").Cutoffs[0]);
    }
}
