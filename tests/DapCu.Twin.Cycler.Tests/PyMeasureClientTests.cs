using System.Globalization;
using System.Text.Json;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Hosting;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>
/// PyMeasure's own Keithley2400 class (Debian python3-pymeasure, unmodified) drives the emulator over
/// TCPIP::127.0.0.1::port::SOCKET through a galvanostatic plating/stripping protocol. What the script computes
/// from its readings must agree within 1 % with the same protocol run directly on the same cell model.
/// </summary>
public class PyMeasureClientTests
{
    private const double Current_A = 1e-3, Plate_s = 900, Cutoff_V = 1.0, TimeScale = 300;
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

        await using var emulator = await CyclerEmulator.StartAsync(new EmulatorHostOptions(
            new EmulatorOptions(LithiumReservoirCell.ForDesign, design, 1, TimeScale), Port: 0, UseOrleans: false));
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "pymeasure_galvanostatic.py");
        var run = ExternalProgram.Run(python, [script, Str(emulator.Ports[0]), Str(Current_A), Str(Plate_s), Str(Cutoff_V), Str(Cycles)],
            TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, $"script failed ({run.ExitCode}): {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;

        Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,", root.GetProperty("idn").GetString());
        Assert.Equal("VOLT,CURR,TIME,STAT", root.GetProperty("elements").GetString());
        Assert.Equal(4, root.GetProperty("buffer_points").GetInt32() / 4);  // 4 readings × 4 elements
        Assert.Equal(3.0, root.GetProperty("buffer_means")[0].GetDouble(), 2);  // bare Cu vs Li at rest
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

    /// <summary>The same protocol on the same cell model, stepped by hand in 0.1 s, with exact charge counting.</summary>
    internal static List<(double Ce, double Overpotential_mV, double Plated_mAh)> DirectRun(string design, double[] plate_s)
    {
        var clock = new ManualClock();
        var channel = new VirtualChannel(0, LithiumReservoirCell.ForDesign(design), clock, 1, maxStep_s: 0.1);
        channel.Function = SourceFunction.Current;
        channel.VoltageCompliance_V = Cutoff_V;
        channel.SetOutput(true);
        const double dt = 0.1;
        var result = new List<(double, double, double)>();
        for (int c = 0; c < Cycles; c++)
        {
            channel.CurrentLevel_A = -Current_A;
            double q0 = channel.Charge_Ah, vArea = 0;
            int steps = (int)Math.Round(plate_s[c] / dt);
            for (int s = 0; s < steps; s++)
            {
                clock.Advance(dt); channel.Sync();
                vArea += channel.Solve().Voltage_V * dt;
            }
            double plated = q0 - channel.Charge_Ah;
            channel.CurrentLevel_A = Current_A;
            double q1 = channel.Charge_Ah;
            for (double t = 0; t < 3 * Plate_s; t += dt)
            {
                clock.Advance(dt); channel.Sync();
                var op = channel.Solve();
                if (op.InCompliance && Math.Abs(op.Current_A) < 0.01 * Current_A) break;
            }
            double stripped = channel.Charge_Ah - q1;
            result.Add((stripped / plated, -1000 * vArea / (steps * dt), plated * 1000));
        }
        return result;
    }

    private static string Str(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
