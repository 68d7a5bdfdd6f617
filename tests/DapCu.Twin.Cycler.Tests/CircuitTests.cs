using DapCu.Twin.Cycler.Faults;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>Source, fixture, fault and cell solved as one circuit: readings an SMU on that circuit would give.
/// Expected values come from the circuit laws applied to the test double's own curve, not from the emulator.</summary>
public class CircuitTests
{
    private static TestRig Rig(double li_mAh, string setup)
    {
        var r = new TestRig(initialLi_mAh: li_mAh, readWithOutputOff: true);
        r.Send(setup + ";:FORM:ELEM VOLT,CURR,STAT");
        return r;
    }

    private static bool Compliance(double[] reading) => ((int)reading[2] & (1 << 3)) != 0;

    [Fact]
    public void Voltage_source_across_a_short_on_fresh_Cu_reads_the_source_and_V_over_R()
    {
        // Fresh Cu (no Li): the cell holds 3 V and passes nothing at 0.1 V; the 0.5 ohm short takes 0.1/0.5 A.
        var r = Rig(0, ":SOUR:FUNC VOLT;:SOUR:VOLT 0.1;:SENS:CURR:PROT 1;:OUTP ON");
        r.Channel.Inject(ChannelFault.Parse("short 0.5"));
        var v = r.Values(":READ?");
        Assert.Equal(0.1, v[0], 9);
        Assert.Equal(0.2, v[1], 6);
        Assert.False(Compliance(v));
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    [InlineData(0.5)]
    [InlineData(10)]
    [InlineData(100)]
    public void A_short_of_any_resistance_while_plating_shares_the_current_by_Kirchhoff(double short_ohm)
    {
        var r = Rig(1, ":SOUR:FUNC CURR;:SOUR:CURR -1e-3;:SENS:VOLT:PROT 4.2;:OUTP ON");
        r.Channel.Inject(ChannelFault.Parse(FormattableString.Invariant($"short {short_ohm}")));
        var v = r.Values(":READ?");
        Assert.Equal(-1e-3, v[1], 12);                     // the source still sources its current
        Assert.False(Compliance(v));
        // Kirchhoff at full precision (readings have 7 digits): the cell carries I - V/R_short, and its own
        // curve at that current gives V.
        var op = r.Channel.Solve();
        Assert.Equal(op.Current_A - op.Voltage_V / short_ohm, op.CellCurrent_A, 12);
        Assert.Equal(r.Cell.TerminalVoltage_V(op.CellCurrent_A), op.Voltage_V, 9);
        Assert.True(v[0] <= 0, $"plating with a short reads at most 0 V, got {v[0]}");
        // Against the linearised cell (22.5 ohm at rest: 10 ohm + 25 mV / 2 mA) in parallel with the short.
        double parallel = short_ohm * 22.5 / (short_ohm + 22.5);
        Assert.Equal(-1e-3 * parallel, v[0], Math.Abs(0.03 * 1e-3 * parallel) + 1e-12);
    }

    [Fact]
    public void Short_during_plating_reads_about_minus_half_a_millivolt_at_half_an_ohm()
    {
        var r = Rig(1, ":SOUR:FUNC CURR;:SOUR:CURR -1e-3;:SENS:VOLT:PROT 4.2;:OUTP ON");
        r.Clock.Advance(60);
        r.Channel.Inject(ChannelFault.Parse("short 0.5"));
        Assert.InRange(r.Values(":READ?")[0], -0.0006, -0.0004);
    }

    [Fact]
    public void Fresh_Cu_with_no_Li_holds_the_compliance_voltage_and_passes_what_it_can()
    {
        var r = Rig(0, ":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 1;:OUTP ON");
        var v = r.Values(":READ?");
        Assert.Equal(1.0, v[0], 9);                        // the reading sits on the limit, not at the cell's 3 V
        Assert.True(Compliance(v));
        Assert.InRange(v[1], -1e-3, 1e-3);
        Assert.Equal(0, v[1], 9);                          // bare Cu at 1 V: nothing to strip, nothing plates
        r.Clock.Advance(3600);
        Assert.Equal(1.0, r.Values(":READ?")[0], 9);
        Assert.Equal(0, r.Cell.Overdrawn_mAh);
    }

    [Fact]
    public void Strip_to_the_limit_ends_and_the_rest_reading_agrees_with_the_cell()
    {
        var r = Rig(0.01, ":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 1;:OUTP ON");
        r.Clock.Advance(120);                               // 0.033 mAh asked for, 0.01 mAh there
        var end = r.Values(":READ?");
        Assert.True(Compliance(end));
        Assert.Equal(1.0, end[0], 9);
        Assert.InRange(end[1], -1e-6, 1e-6);                 // the strip has ended: current has collapsed
        Assert.Equal(0, r.Cell.Overdrawn_mAh);
        Assert.True(r.Channel.CellCharge_Ah * 1000 <= 0.01 + 1e-9, $"stripped {r.Channel.CellCharge_Ah * 1000} mAh of 0.01");
        r.Send(":OUTP OFF");
        var rest = r.Values(":READ?");
        Assert.Equal(0, rest[1]);
        Assert.Equal(r.Cell.TerminalVoltage_V(0), rest[0], 5);
    }

    [Fact]
    public void Open_leads_read_noise_near_zero_not_the_cell_and_a_zero_current_source_does_not_trip()
    {
        var r = Rig(1, ":SOUR:FUNC CURR;:SOUR:CURR 0;:SENS:VOLT:PROT 21");
        r.Channel.Inject(ChannelFault.Parse("open"));
        var off = r.Values(":READ?");
        Assert.InRange(off[0], -1e-4, 1e-4);
        r.Send(":OUTP ON");
        var zero = r.Values(":READ?");
        Assert.InRange(zero[0], -1e-4, 1e-4);               // not +21 V
        Assert.False(Compliance(zero));
        r.Send(":SOUR:CURR 1e-3");
        var pushed = r.Values(":READ?");
        Assert.Equal(21, pushed[0], 9);                      // a real current into an open runs to the limit
        Assert.True(Compliance(pushed));
        Assert.Equal(0, pushed[1]);
    }
}
