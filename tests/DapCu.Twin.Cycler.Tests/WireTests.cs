using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Hosting;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>The wire rules a real client relies on, over real loopback sockets.</summary>
public class WireTests
{
    internal static Task<CyclerEmulator> Start(int channels = 1, double timeScale = 1, int? controlPort = null, DialectKind dialect = DialectKind.Scpi,
        bool orleans = false, TimeProvider? clock = null, Func<string, DapCu.Twin.Physics.Cell.IVirtualCell>? cells = null, string? procedures = null) =>
        CyclerEmulator.StartAsync(new EmulatorHostOptions(
            new EmulatorOptions(cells ?? LithiumReservoirCell.ForDesign, "dap-half", channels, timeScale, clock, ProceduresFolder: procedures), dialect, Port: 0,
            ControlPort: controlPort, UseOrleans: orleans));

    [Fact]
    public async Task Accepts_LF_and_CRLF_and_answers_each_query_line_with_one_LF_line()
    {
        await using var emu = await Start();
        using var c = new LineClient(emu.Ports[0]);
        c.Write("*IDN?\r\n");
        Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,", c.ReadLine());
        c.Write(":OUTP ON\n*OPC?;:OUTP?\n");      // the command produces no bytes: the next bytes are the query's
        Assert.Equal("1;1\n", c.ReadChunk());
        c.Write(":SOUR:FUNC?\r\n:SYST:ERR?\n");
        Assert.Equal("VOLT", c.ReadLine());
        Assert.Equal("0,\"No error\"", c.ReadLine());
    }

    [Fact]
    public async Task Bad_commands_never_drop_the_connection_and_land_in_the_error_queue()
    {
        await using var emu = await Start();
        using var c = new LineClient(emu.Ports[0]);
        c.Write("FOO:BAR 1\n\u0001\u00ff\n;;;\n:SOUR:CURR 99\n");
        Assert.Equal("1", c.Ask("*OPC?"));
        Assert.Equal("-113,\"Undefined header\"", c.Ask(":SYST:ERR?"));
        Assert.Equal("-101,\"Invalid character\"", c.Ask(":SYST:ERR?"));
        Assert.Equal("-222,\"Parameter data out of range\"", c.Ask(":SYST:ERR?"));
        Assert.Equal("0,\"No error\"", c.Ask(":SYST:ERR?"));
    }

    [Fact]
    public async Task Over_long_line_is_discarded_and_reported_as_input_overrun()
    {
        await using var emu = await Start();
        using var c = new LineClient(emu.Ports[0]);
        c.Write(":SOUR:CURR " + new string('1', 200_000) + "\n");   // > 64 KiB
        Assert.Equal("-363,\"Input buffer overrun\"", c.Ask(":SYST:ERR?"));
        Assert.Equal("+0.000000E+00", c.Ask(":SOUR:CURR?"));          // nothing of it was executed
        Assert.Equal("0,\"No error\"", c.Ask(":SYST:ERR?"));
    }

    [Fact]
    public async Task Second_client_on_a_busy_channel_is_refused_and_closed_first_keeps_working()
    {
        await using var emu = await Start(channels: 2);
        using var first = new LineClient(emu.Ports[0]);
        Assert.Equal("1", first.Ask("*OPC?"));
        using (var second = new LineClient(emu.Ports[0]))
        {
            var refusal = second.ReadLine();
            Assert.Contains("busy", refusal);
            Assert.Contains(emu.Ports[0].ToString(), refusal);
            Assert.True(second.ClosedByServer());
        }
        using (var other = new LineClient(emu.Ports[1]))  // another channel is free
            Assert.Equal("1", other.Ask("*OPC?"));
        Assert.Equal("1", first.Ask("*OPC?"));
        first.Dispose();
        // Once the holder leaves, the channel takes the next client at once.
        using (var next = new LineClient(emu.Ports[0]))
            Assert.Equal("1", next.Ask("*OPC?"));
        var log = await emu.Channels[0].GetLogAsync();
        Assert.Contains(log, e => e.Kind == "refused");
    }

    [Fact]
    public async Task Channels_are_independent_cells_on_consecutive_ports()
    {
        CyclerEmulator? started = null;
        for (int attempt = 0; started is null; attempt++)
        {
            int basePort = CyclerEmulator.FreePort();
            try
            {
                started = await CyclerEmulator.StartAsync(new EmulatorHostOptions(
                    new EmulatorOptions(LithiumReservoirCell.ForDesign, "dap-half", 3), Port: basePort, UseOrleans: false));
            }
            catch (InvalidOperationException) when (attempt < 20) { }  // a neighbour port was taken: try elsewhere
        }
        await using var emu = started;
        Assert.Equal([emu.Ports[0], emu.Ports[0] + 1, emu.Ports[0] + 2], emu.Ports);
        using var a = new LineClient(emu.Ports[0]);
        using var b = new LineClient(emu.Ports[2]);
        a.Ask(":SOUR:VOLT 0.5;*OPC?");
        Assert.Equal("+5.000000E-01", a.Ask(":SOUR:VOLT?"));
        Assert.Equal("+0.000000E+00", b.Ask(":SOUR:VOLT?"));
        Assert.NotEqual(a.Ask("*IDN?"), b.Ask("*IDN?"));      // serial numbers differ per channel
    }

    [Fact]
    public async Task A_taken_port_fails_clearly()
    {
        await using var emu = await Start();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => CyclerEmulator.StartAsync(new EmulatorHostOptions(
            new EmulatorOptions(LithiumReservoirCell.ForDesign, "dap-half"), Port: emu.Ports[0], UseOrleans: false)));
        Assert.Contains(emu.Ports[0].ToString(), ex.Message);
        Assert.Contains("another emulator", ex.Message);
    }
}

/// <summary>Ending a measurement and handing a channel over, as clients do it; every wait is on an event (a reply
/// line, a closed socket), never on the clock.</summary>
public class HandOverTests
{
    /// <summary>A :READ? that keeps the instrument busy for hours of wall time (2500 readings at 10 PLC, 10 s
    /// trigger delay each, time scale 1).</summary>
    private const string LongMeasurement = ":OUTP ON;:SENS:VOLT:NPLC 10;:TRIG:DEL 10;:TRIG:COUN 2500;:FORM:ELEM VOLT\n:READ?\n";

    [Theory]
    [InlineData(":ABOR")]
    [InlineData("*RST")]
    [InlineData("*CLS")]
    public async Task A_device_clear_ends_a_long_measurement_and_its_reply_is_not_sent(string clear)
    {
        await using var emu = await WireTests.Start();
        using var c = new LineClient(emu.Ports[0]);
        c.Write(LongMeasurement);
        c.Write(clear + "\n*OPC?\n");
        Assert.Equal("1", c.ReadLine());                 // the next bytes are *OPC?'s, not 2500 readings
        Assert.Contains(await emu.Channels[0].GetLogAsync(), e => e.Kind == "abort");
    }

    [Fact]
    public async Task A_client_that_leaves_mid_measurement_frees_the_channel_at_once()
    {
        await using var emu = await WireTests.Start();
        using (var c = new LineClient(emu.Ports[0]))
            c.Write(LongMeasurement);
        using var next = new LineClient(emu.Ports[0]);
        Assert.Equal("1", next.Ask("*OPC?"));
        Assert.Contains(await emu.Channels[0].GetLogAsync(), e => e.Kind == "abort" && e.Detail.Contains("left"));
    }

    [Fact]
    public async Task Reconnecting_right_after_a_close_is_accepted_every_time()
    {
        await using var emu = await WireTests.Start(orleans: true);
        for (int i = 0; i < 100; i++)
        {
            using var c = new LineClient(emu.Ports[0]);
            Assert.Equal("1", c.Ask("*OPC?"));
        }
        Assert.DoesNotContain(await emu.Channels[0].GetLogAsync(), e => e.Kind == "refused");
    }

    [Fact]
    public async Task Commands_sent_just_before_closing_still_run_before_the_next_client()
    {
        await using var emu = await WireTests.Start();
        for (int i = 0; i < 20; i++)
        {
            using (var c = new LineClient(emu.Ports[0]))
                c.Write(FormattableString.Invariant($":SOUR:VOLT {i * 0.01}\n"));
            using var next = new LineClient(emu.Ports[0]);
            var level = double.Parse(next.Ask(":SOUR:VOLT?"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(level - i * 0.01) < 1e-9, $"round {i}: {level}; log: {string.Join("\n", (await emu.Channels[0].GetLogAsync()).TakeLast(8))}");
        }
    }
}
