using DapCu.Twin.Cycler.Faults;

namespace DapCu.Twin.Cycler.Tests;

public class FaultTests
{
    private static TestRig Galvanostatic(double current_A = 1e-3)
    {
        var r = new TestRig(initialLi_mAh: 1);
        r.Send($":SOUR:FUNC CURR;:SOUR:CURR {current_A};:SENS:VOLT:PROT 4.2;:FORM:ELEM VOLT,CURR,STAT;:OUTP ON");
        return r;
    }

    [Fact]
    public void Internal_short_takes_current_past_the_cell()
    {
        var r = Galvanostatic();
        double before = r.Values(":READ?")[0];
        r.Channel.Inject(ChannelFault.Parse("short 5"));
        double after = r.Values(":READ?")[0];
        Assert.True(after < before, $"a 5 ohm short lowers the voltage under 1 mA: {before} -> {after}");
        double liBefore = r.Cell.ActiveLi_mAh;
        r.Clock.Advance(100);
        r.Send("*OPC?");
        // Most of the terminal current now bypasses the cell: far less than 1 mA × 100 s is stripped.
        Assert.True(liBefore - r.Cell.ActiveLi_mAh < 0.5 * 1e-3 * 1000 * 100 / 3600);
        Assert.Contains(r.Channel.Log.Snapshot(), e => e.Kind == "fault" && e.Detail.Contains("short"));
    }

    [Fact]
    public void Open_circuit_stops_current_and_drives_the_source_into_compliance()
    {
        var r = Galvanostatic();
        r.Channel.Inject(ChannelFault.Parse("open"));
        var v = r.Values(":READ?");
        Assert.Equal(0, v[1]);
        Assert.Equal(4.2, v[0], 9);
        Assert.NotEqual(0, (int)v[2] & (1 << 3));
        r.Channel.Inject(ChannelFault.Parse("clear open"));
        Assert.Equal(1e-3, r.Values(":READ?")[1], 12);
    }

    [Fact]
    public void Contact_resistance_shows_in_2_wire_not_in_4_wire()
    {
        var r = Galvanostatic(2e-3);
        double clean = r.Values(":READ?")[0];
        r.Channel.Inject(ChannelFault.Parse("contact 50"));
        Assert.Equal(clean + 50 * 2e-3, r.Values(":READ?")[0], 5);
        r.Send(":SYST:RSEN ON");
        Assert.Equal(clean, r.Values(":READ?")[0], 5);
    }

    [Fact]
    public void Noise_is_seeded_and_drift_grows_with_time()
    {
        double[] Run()
        {
            var r = Galvanostatic();
            r.Channel.Inject(ChannelFault.Parse("noise 0.002 0 42"));
            return Enumerable.Range(0, 200).Select(_ => r.Values(":READ?")[0]).ToArray();
        }
        var a = Run();
        Assert.Equal(a, Run());                                   // same seed, same noise
        double mean = a.Average(), sd = Math.Sqrt(a.Sum(x => (x - mean) * (x - mean)) / (a.Length - 1));
        Assert.InRange(sd, 0.0015, 0.0025);

        var d = Galvanostatic(1e-4);   // 0.1 mAh stripped in the hour: Li is left, the cell voltage stays put
        double v0 = d.Values(":READ?")[0];
        d.Channel.Inject(ChannelFault.Parse("drift 0.01"));
        d.Clock.Advance(3600);
        Assert.Equal(v0 + 0.01, d.Values(":READ?")[0], 4);
    }

    [Fact]
    public void Slow_and_drop_faults_reach_the_transport()
    {
        var r = Galvanostatic();
        var device = new DapCu.Twin.Cycler.Channels.EmulatedChannelDevice(r.Channel, r.Clock);
        Assert.Equal("slow responses 250 ms", device.InjectFault("slow 250"));
        Assert.Equal(250, device.Execute("scpi", "*OPC?").Delay_ms);
        device.InjectFault("drop");
        Assert.True(device.Execute("scpi", "*OPC?").Drop);
        Assert.False(device.Execute("scpi", "*OPC?").Drop);       // once per injection
    }

    [Fact]
    public void Scheduled_faults_fire_at_their_virtual_time()
    {
        var r = Galvanostatic();
        var schedule = FaultScheduleFile.Parse(["# t  ch  fault", "", "100 0 open", "200 * clear"], "faults.txt");
        foreach (var f in schedule) r.Channel.Schedule(f);
        r.Clock.Advance(99);
        Assert.Equal(1e-3, r.Values(":READ?")[1], 12);
        r.Clock.Advance(2);
        Assert.Equal(0, r.Values(":READ?")[1]);
        r.Clock.Advance(100);
        Assert.Equal(1e-3, r.Values(":READ?")[1], 12);
        var faults = r.Channel.Log.Snapshot().Where(e => e.Kind == "fault").ToList();
        Assert.Equal(100, faults[0].Time_s, 9);
        Assert.Equal(200, faults[1].Time_s, 9);
    }

    [Theory]
    [InlineData("melt", "unknown fault 'melt'")]
    [InlineData("short", "needs a resistance")]
    [InlineData("short 0", "must be > 0")]
    [InlineData("contact -1", "not a non-negative number")]
    [InlineData("open 3", "unexpected '3'")]
    [InlineData("clear bogus", "unknown fault 'bogus'")]
    public void Bad_fault_text_names_what_is_wrong(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => ChannelFault.Parse(text)).Message);

    [Fact]
    public void Bad_schedule_line_names_file_and_line()
    {
        var e = Assert.Throws<FormatException>(() => FaultScheduleFile.Parse(["10 0 open", "x 0 open"], "f.txt"));
        Assert.Contains("f.txt, line 2", e.Message);
        e = Assert.Throws<FormatException>(() => FaultScheduleFile.Parse(["10 zero open"], "f.txt"));
        Assert.Contains("line 1", e.Message);
    }
}
