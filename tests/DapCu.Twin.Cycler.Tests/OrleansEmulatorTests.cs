using DapCu.Twin.Cycler.Hosting;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>The production path: channels as ChannelGrains on an in-process silo, faults through the control port,
/// and a third-party SCPI client (lxi-tools, one TCP connection per command).</summary>
public class OrleansEmulatorTests
{
    [Fact]
    public async Task Grain_channels_serve_scpi_and_take_faults_from_the_control_port()
    {
        await using var emu = await WireTests.Start(channels: 2, controlPort: 0, orleans: true);
        using (var c = new LineClient(emu.Ports[1]))
        {
            Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,9100001", c.Ask("*IDN?"));
            c.Write(":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 4.2;:FORM:ELEM CURR;:OUTP ON\n");
            Assert.Equal("+1.000000E-03", c.Ask(":READ?"));
            using var control = new LineClient(emu.ControlPort!.Value);
            Assert.StartsWith("OK open circuit", control.Ask("fault 1 open"));
            Assert.Equal("+0.000000E+00", c.Ask(":READ?"));
            Assert.StartsWith("ERROR unknown fault 'melt'", control.Ask("fault 1 melt"));
            Assert.StartsWith("ERROR channel '7'", control.Ask("fault 7 open"));
            Assert.Equal("OK 2", control.Ask("channels"));
            var log = control.Ask("log 1");
            Assert.StartsWith("OK [", log);
            Assert.Contains("open circuit", log);
        }
        var entries = await emu.Channels[1].GetLogAsync();
        Assert.Contains(entries, e => e.Kind == "client");
        Assert.Contains(entries, e => e.Kind == "fault");
    }

    [Fact]
    public async Task Lxi_tools_reads_the_identity()
    {
        ExternalProgram.Require("/usr/bin/lxi", "lxi-tools");
        await using var emu = await WireTests.Start();
        var port = emu.Ports[0].ToString();
        var idn = ExternalProgram.Run("/usr/bin/lxi", ["scpi", "-a", "127.0.0.1", "-p", port, "-r", "*IDN?"], TimeSpan.FromSeconds(30));
        Assert.True(idn.ExitCode == 0, $"lxi failed: {idn.Stdout} {idn.Stderr}");
        Assert.Contains("KEITHLEY INSTRUMENTS INC.,MODEL 2400", idn.Stdout);
        // A new connection per command: the setting made by one lxi call is there for the next.
        Assert.Equal(0, ExternalProgram.Run("/usr/bin/lxi", ["scpi", "-a", "127.0.0.1", "-p", port, "-r", ":SOUR:VOLT 0.25"], TimeSpan.FromSeconds(30)).ExitCode);
        var level = ExternalProgram.Run("/usr/bin/lxi", ["scpi", "-a", "127.0.0.1", "-p", port, "-r", ":SOUR:VOLT?"], TimeSpan.FromSeconds(30));
        Assert.Contains("+2.500000E-01", level.Stdout);
    }
}

/// <summary>lxi-tools (one TCP connection per command) taking a reading: the setting of one call holds for the next,
/// and the reading is the cell's.</summary>
public class LxiMeasurementTests
{
    [Fact]
    public async Task Lxi_tools_sources_a_current_and_reads_the_cells_voltage()
    {
        ExternalProgram.Require("/usr/bin/lxi", "lxi-tools");
        var clock = new ManualClock();
        await using var emu = await WireTests.Start(clock: clock);
        var port = emu.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Lxi(string command)
        {
            var r = ExternalProgram.Run("/usr/bin/lxi", ["scpi", "-a", "127.0.0.1", "-p", port, "-r", command], TimeSpan.FromSeconds(30));
            Assert.True(r.ExitCode == 0, $"lxi '{command}' failed: {r.Stdout} {r.Stderr}");
            return r.Stdout.Trim();
        }
        Lxi(":SOUR:FUNC CURR;:SOUR:CURR -1e-3;:SENS:VOLT:PROT 4.2;:FORM:ELEM VOLT,CURR;:OUTP ON");
        var reading = Lxi(":READ?").Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(-1e-3, reading[1], 12);
        var cell = LithiumReservoirCell.ForDesign("dap-half");   // the emulator's cell, fresh: plating at -1 mA
        Assert.Equal(cell.TerminalVoltage_V(-1e-3), reading[0], 4);   // within what one 1-PLC integration plates
        Assert.Equal("0,\"No error\"", Lxi(":SYST:ERR?"));
    }
}
