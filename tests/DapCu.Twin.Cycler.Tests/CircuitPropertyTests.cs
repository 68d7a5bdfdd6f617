using System.Globalization;
using DapCu.Twin.Cycler.Faults;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>Random sequences of source settings, faults and time against the 2400's rules: every reading has |V|
/// within the voltage limit or |I| within the current limit, a source out of compliance delivers exactly its
/// setting with its sign, the circuit obeys Kirchhoff against the cell's own curve, and the cell is never made to
/// give more Li than it holds.</summary>
public class CircuitPropertyTests
{
    /// <summary>Readings carry 7 significant digits (+1.234567E-03).</summary>
    private const double Printed = 1e-6;

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_sequences_keep_every_reading_inside_what_a_2400_can_show(int seed)
    {
        var rng = new Random(seed);
        for (int sequence = 0; sequence < 40; sequence++)
        {
            var r = new TestRig(initialLi_mAh: rng.NextDouble() * 0.01, readWithOutputOff: true);
            r.Send(":FORM:ELEM VOLT,CURR,STAT;:SENS:VOLT:PROT 2.9");
            bool currentMode = false, output = false;
            double level = 0, vLimit = 2.9, iLimit = 105e-6;
            double? shortOhm = null;
            bool open = false, remote = false;
            double contact = 0;
            var history = new List<string>();
            for (int action = 0; action < 30; action++)
            {
                string what;
                switch (rng.Next(9))
                {
                    case 0:
                        currentMode = rng.Next(2) == 0;
                        level = currentMode ? (rng.NextDouble() * 2 - 1) * 1e-3 : (rng.NextDouble() * 2 - 1) * 2.9;
                        what = currentMode ? $":SOUR:FUNC CURR;:SOUR:CURR {F(level)}" : $":SOUR:FUNC VOLT;:SOUR:VOLT {F(level)}";
                        break;
                    case 1:
                        vLimit = 0.05 + rng.NextDouble() * 2.85;     // below bare Cu (3 V): the limit must end a strip
                        what = $":SENS:VOLT:PROT {F(vLimit)}";
                        break;
                    case 2:
                        iLimit = Math.Pow(10, -6 + 3 * rng.NextDouble());
                        what = $":SENS:CURR:PROT {F(iLimit)}";
                        break;
                    case 3:
                        output = rng.Next(3) > 0;
                        what = output ? ":OUTP ON" : ":OUTP OFF";
                        break;
                    case 4:
                        shortOhm = Math.Pow(10, -6 + 8 * rng.NextDouble());
                        what = $"fault short {F(shortOhm.Value)}";
                        break;
                    case 5:
                        var kind = rng.Next(4);
                        what = kind switch { 0 => "fault open", 1 => $"fault contact {F(rng.NextDouble() * 100)}", 2 => "fault clear", _ => "fault clear short" };
                        break;
                    case 6:
                        remote = !remote;
                        what = remote ? ":SYST:RSEN ON" : ":SYST:RSEN OFF";
                        break;
                    default:
                        what = $"wait {F(rng.NextDouble() * 600)}";
                        break;
                }
                history.Add(what);
                if (what.StartsWith("fault ", StringComparison.Ordinal))
                {
                    var f = ChannelFault.Parse(what[6..]);
                    r.Channel.Inject(f);
                    if (f.Kind == FaultKind.OpenCircuit) open = true;
                    if (f.Kind == FaultKind.ContactResistance) contact = f.Value;
                    if (f.Kind == FaultKind.Clear && f.Target is null) { open = false; shortOhm = null; contact = 0; }
                    if (f.Kind == FaultKind.Clear && f.Target == FaultKind.InternalShort) shortOhm = null;
                }
                else if (what.StartsWith("wait ", StringComparison.Ordinal)) r.Clock.Advance(double.Parse(what[5..], CultureInfo.InvariantCulture));
                else r.Send(what);

                var v = r.Values(":READ?");
                double volts = v[0], amps = v[1];
                bool compliance = ((int)v[2] & (1 << 3)) != 0;
                string context = $"seed {seed}, sequence {sequence}: {string.Join(" | ", history)} -> V={volts}, I={amps}, compliance={compliance}";
                Assert.True(r.Cell.Overdrawn_mAh == 0, $"cell made to give Li it does not have ({r.Cell.Overdrawn_mAh} mAh); {context}");
                if (!output) { Assert.True(amps == 0, context); continue; }
                if (currentMode)
                {
                    Assert.True(Math.Abs(amps) <= Math.Abs(level) * (1 + Printed) + 1e-15, $"current beyond the source's {level} A; {context}");
                    Assert.True(Math.Abs(volts) <= vLimit * (1 + Printed) || Math.Abs(amps) <= Math.Abs(level) * (1 + Printed), context);
                    if (!compliance)
                    {
                        Assert.True(Math.Abs(amps - level) <= Printed * Math.Abs(level), $"out of compliance the source delivers its setting; {context}");
                        Assert.True(Math.Abs(volts) <= vLimit * (1 + Printed), $"reading outside the voltage window without compliance; {context}");
                    }
                }
                else
                {
                    Assert.True(Math.Abs(amps) <= iLimit * (1 + Printed), $"current beyond the {iLimit} A limit; {context}");
                    if (!compliance) Assert.True(Math.Abs(volts - level) <= Printed * Math.Abs(level) + 1e-12, $"out of compliance the source shows its voltage; {context}");
                }
                if (open || shortOhm is not { } rs) continue;
                // Kirchhoff against the test double's own curve, at full precision (the reading has 7 digits):
                // the cell carries the terminal current minus the short's share, and its voltage is the sense
                // point's minus the contacts (2-wire).
                var op = r.Channel.Solve();
                double vCell = op.Voltage_V - (remote ? 0 : contact * op.Current_A);
                double roundOff = 1e-15 * (Math.Abs(op.Voltage_V) + contact * Math.Abs(op.Current_A)) / rs;   // V - R·I cancels
                Assert.True(Math.Abs(op.Current_A - op.CellCurrent_A - vCell / rs) <= 1e-9 * Math.Abs(op.Current_A) + roundOff, $"KCL: {op}; {context}");
                Assert.True(Math.Abs(r.Cell.TerminalVoltage_V(op.CellCurrent_A) - vCell) <= 1e-6 || JumpHolds(r, op.CellCurrent_A, vCell),
                    $"cell voltage off its own curve: {op}; {context}");
            }
        }
    }

    /// <summary>At a jump of the cell's curve (Cu with no Li at 0 A) any voltage between the two sides is the cell's.</summary>
    private static bool JumpHolds(TestRig r, double cell_A, double v)
    {
        double lo = r.Cell.TerminalVoltage_V(cell_A - 1e-9), hi = r.Cell.TerminalVoltage_V(cell_A + 1e-9);
        return v >= Math.Min(lo, hi) - 1e-6 && v <= Math.Max(lo, hi) + 1e-6;
    }
}
