using System.Globalization;
using System.Text.Json;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Hosting;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Protocols.Running;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>
/// PyMeasure's own Keithley2400 class (Debian python3-pymeasure, unmodified) drives the emulator, serving the
/// twin's physics engine, over TCPIP::127.0.0.1::port::SOCKET through a galvanostatic plating/stripping protocol.
/// What the script computes from its readings must agree within 1 % with the same protocol run by the engine's
/// protocol runner (what `dapcu run` uses) on the same cell.
/// </summary>
public class PyMeasureClientTests
{
    private const double Current_A = 1e-3, Plate_s = 3600, Cutoff_V = 1.0, TimeScale = 1200;
    private const int Cycles = 2;

    [Theory]
    [InlineData("dap-half")]
    [InlineData("pl-half")]
    public async Task Galvanostatic_plate_strip_through_pymeasure_matches_direct_run(string design)
    {
        const string python = "/usr/bin/python3";
        ExternalProgram.Require(python, "python3");
        var probe = ExternalProgram.Run(python, ["-c", "import pymeasure.instruments.keithley, pyvisa_py"], TimeSpan.FromSeconds(60));
        Assert.True(probe.ExitCode == 0, $"python3-pymeasure / python3-pyvisa-py missing ({ExternalProgram.Setup}): {probe.Stderr}");

        // Channel time moves 10 s per client message (1/120 s of "wall" time at 1200x): the plate step takes 360
        // readings on any machine, fast or busy.
        await using var emulator = await CyclerEmulator.StartAsync(new EmulatorHostOptions(
            new EmulatorOptions(VirtualCellFactory.Create, design, 1, TimeScale, new SteppingClock(10 / TimeScale)), Port: 0, UseOrleans: false));
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "pymeasure_galvanostatic.py");
        var run = ExternalProgram.Run(python, [script, Str(emulator.Ports[0]), Str(Current_A), Str(Plate_s), Str(Cutoff_V), Str(Cycles)],
            TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, $"script failed ({run.ExitCode}): {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;

        Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,", root.GetProperty("idn").GetString());
        Assert.Equal("VOLT,CURR,TIME,STAT", root.GetProperty("elements").GetString());
        Assert.Equal(4, root.GetProperty("buffer_points").GetInt32() / 4);  // 4 readings × 4 elements
        Assert.Equal(3.0, root.GetProperty("buffer_means")[0].GetDouble(), 2);  // bare Cu vs Li at rest (~3 V)
        Assert.Equal(0, root.GetProperty("error")[0].GetDouble());

        // A client's pauses (GC, a busy machine) stretch a step in virtual time, as they would on hardware;
        // the direct run therefore plates for as long as the client actually did.
        var cycles = root.GetProperty("cycles");
        var direct = DirectRun(design, cycles.EnumerateArray().Select(c => c.GetProperty("plate_s").GetDouble()).ToArray());
        Assert.Equal(Cycles, cycles.GetArrayLength());
        for (int c = 0; c < Cycles; c++)
        {
            var net = cycles[c];
            var (ce, eta_mV, plated_mAh) = direct[c];
            Assert.True(net.GetProperty("readings").GetInt32() > 50, $"cycle {c}: too few readings to judge ({net})");
            AssertWithin(plated_mAh, net.GetProperty("plated_mAh").GetDouble(), 0.01, $"{design} cycle {c} plated mAh");
            AssertWithin(ce, net.GetProperty("ce").GetDouble(), 0.01, $"{design} cycle {c} CE");
            AssertWithin(eta_mV, net.GetProperty("overpotential_mV").GetDouble(), 0.01, $"{design} cycle {c} overpotential");
        }
    }

    private static void AssertWithin(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"{what}: network {actual:G6} vs direct {expected:G6} (more than {relative:P0} apart)");

    /// <summary>The same protocol through the engine's protocol runner: plate at the client's current for as long
    /// as the client plated, strip until the compliance voltage; overpotential is the mean plating voltage.</summary>
    internal static List<(double Ce, double Overpotential_mV, double Plated_mAh)> DirectRun(string design, double[] plate_s)
    {
        var text = string.Concat(plate_s.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"Repeat 1 times:\n  Plate at {Current_A * 1000} mA for {t} s\n  Strip at {Current_A * 1000} mA until {Cutoff_V} V\n")));
        var cell = VirtualCellFactory.Create(design);
        var run = ProtocolRunner.Run(cell.Model, cell.State, ProtocolText.Parse(text), new RunOptions { OutputResolution_s = 1 });
        var result = new List<(double, double, double)>();
        foreach (var cycle in run.Cycles)
        {
            var plating = run.TimeSeries.Where(p => p.Cycle == cycle.Cycle && p.Current_mA < 0).ToList();
            double area = 0, time = 0;
            for (var i = 1; i < plating.Count; i++)
            {
                var dt = plating[i].Time_s - plating[i - 1].Time_s;
                area += 0.5 * (plating[i].Voltage_V + plating[i - 1].Voltage_V) * dt;
                time += dt;
            }
            var area_cm2 = cell.Area_cm2;
            result.Add((cycle.CoulombicEfficiency, -1000 * area / time, cycle.Discharge_mAh_cm2 * area_cm2));
        }
        return result;
    }

    private static string Str(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>PyMeasure's buffer statistics (means, mean_voltage, mean_current after measure_voltage) and its RvsI
/// sweep against the emulator on the test double, whose curve gives the expected voltages.</summary>
public class PyMeasureStatisticsAndSweepTests
{
    [Fact]
    public async Task Means_and_a_current_sweep_work_through_pymeasure()
    {
        const string python = "/usr/bin/python3";
        ExternalProgram.Require(python, "python3");
        var clock = new ManualClock();   // time stands still: every reading sees the same cell
        await using var emulator = await CyclerEmulator.StartAsync(new EmulatorHostOptions(
            new EmulatorOptions(_ => new LithiumReservoirCell(initialLi_mAh: 1), "double", 1, 1, clock), Port: 0, UseOrleans: false));
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "pymeasure_stats_sweep.py");
        var run = ExternalProgram.Run(python, [script, emulator.Ports[0].ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, $"script failed ({run.ExitCode}): {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        var buffer = root.GetProperty("buffer").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(10, buffer.Length);                                 // FORM:ELEM VOLT: one value per reading
        Assert.Equal(2, root.GetProperty("means").GetArrayLength());     // voltage, current
        Assert.Equal(buffer.Average(), root.GetProperty("mean_voltage").GetDouble(), 5);
        Assert.Equal(1e-3, root.GetProperty("mean_current").GetDouble(), 9);
        var reference = new LithiumReservoirCell(initialLi_mAh: 1);
        Assert.Equal(reference.TerminalVoltage_V(1e-3), root.GetProperty("mean_voltage").GetDouble(), 3);
        var sweep = root.GetProperty("sweep").EnumerateArray().Select(p => (I: p[0].GetDouble(), V: p[1].GetDouble())).ToArray();
        Assert.Equal(5, sweep.Length);
        foreach (var (i, v) in sweep)
            Assert.Equal(reference.TerminalVoltage_V(i), v, 3);           // Li hardly moves: the cell's own curve
        Assert.Equal(0, root.GetProperty("error")[0].GetDouble());
    }
}
