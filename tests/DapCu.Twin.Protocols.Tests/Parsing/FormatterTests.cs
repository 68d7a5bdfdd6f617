using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Parsing;

namespace DapCu.Twin.Protocols.Tests.Parsing;

/// <summary>The canonical text written for a scenario "as run" reads back as the same protocol.</summary>
public class FormatterTests
{
    private static void AssertRoundTrip(Protocol p)
    {
        var text = ProtocolFormatter.ToText(p);
        var back = ProtocolText.Parse(text);
        Assert.True(ProtocolEquivalence.AreEquivalent(p, back), $"round trip changed the protocol:\n{text}");
        Assert.Equal(text, ProtocolFormatter.ToText(back));
    }

    [Fact]
    public void Canonical_text_of_a_parsed_protocol()
    {
        var p = ProtocolText.Parse("""
            Stop on short: no
            Plate at 500 uA/cm2 for 2 hours
            (Discharge at C/5 until 1.7 V, Charge at 0.5 mA for 90 min or until 4.2 V or 3 mAh) * 3
            Hold at 4200 mV until C/50 or 1.5 mAh/cm2
            Rest for 30 s
            """);
        Assert.Equal("""
            Stop on short: no
            Discharge at 0.5 mA/cm2 for 2 h
            Repeat 3 times:
                Discharge at 0.2C until 1.7 V
                Charge at 0.5 mA for 90 min or until 4.2 V or 3 mAh
            Hold at 4.2 V until 0.02C or 1.5 mAh/cm2
            Rest for 30 s

            """.ReplaceLineEndings("\n"), ProtocolFormatter.ToText(p));
        AssertRoundTrip(p);
    }

    [Fact]
    public void Round_trip_of_every_test_protocol_form()
    {
        foreach (var text in new[]
                 {
                     "Discharge at 1 mA/cm2 for 1 h\nCharge at 1 mA/cm2 until 1 V\nRepeat 100 times",
                     "Repeat 10 times:\n  Repeat 1 time:\n    Charge at 1C until 4.2 V\n  Rest for 1 day",
                     "Discharge at 0.1 A until -0.25 V or 0.3 Ah\nHold at 3.6 V for 30 min",
                     "Charge at 5 mA/cm2 for 12 minutes\nRest for 0.1 s\nRest for 1e-3 s",
                 })
            AssertRoundTrip(ProtocolText.Parse(text));
    }

    [Fact]
    public void Round_trip_of_awkward_numbers_is_exact()
    {
        // Values that are not short decimals, and durations that are not whole minutes.
        var step = new ProtocolStep(StepKind.Charge, new CurrentSpec(1.0 / 3, CurrentUnit.MilliAmpPerCm2), null,
            3600.5, [new VoltageCutoff(Math.PI), new CapacityCutoff(0.1 + 0.2)], default);
        var hold = new ProtocolStep(StepKind.Hold, null, 4.2, null,
            [new CurrentCutoff(new CurrentSpec(1e-7, CurrentUnit.Amp))], default);
        AssertRoundTrip(new Protocol([new ProtocolLoop(7, [step, hold], default)], StopOnShort: false));
    }

    [Fact]
    public void Equivalence_sees_differences()
    {
        var a = ProtocolText.Parse("Repeat 2 times:\n  Rest for 1 h");
        Assert.False(ProtocolEquivalence.AreEquivalent(a, ProtocolText.Parse("Repeat 3 times:\n  Rest for 1 h")));
        Assert.False(ProtocolEquivalence.AreEquivalent(a, ProtocolText.Parse("Repeat 2 times:\n  Rest for 2 h")));
        Assert.False(ProtocolEquivalence.AreEquivalent(a, ProtocolText.Parse("Stop on short: no\nRepeat 2 times:\n  Rest for 1 h")));
        Assert.False(ProtocolEquivalence.AreEquivalent(a, ProtocolText.Parse("Rest for 1 h\nRepeat 2 times")
            with { Nodes = [ProtocolText.Parse("Rest for 1 h").Nodes[0]] }));
        Assert.True(ProtocolEquivalence.AreEquivalent(a, ProtocolText.Parse("# same\nRest for 1 h\nRepeat 2 times")));
    }
}
