using System.CommandLine;
using System.Globalization;
using System.Net;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Faults;
using DapCu.Twin.Cycler.Hosting;
using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Cli.Commands;

/// <summary>
/// <c>dapcu emulate --cell dap-half --channels 8 --port 5025 --time-scale 60 [--dialect scpi|macnet]</c>:
/// serves virtual cells behind a Keithley 2400 (SCPI, channel i on port P+i) or a Maccor MacNet server until
/// Ctrl-C. <c>--control-port C</c> opens the fault-injection port (see ControlProtocol), <c>--faults file</c>
/// schedules faults: one per line, <c>&lt;virtual time s&gt; &lt;channel|*&gt; &lt;fault&gt;</c>, '#' comments.
/// </summary>
public static class EmulateCommand
{
    /// <summary>Makes a virtual cell from a design name or scenario file. Set by Program (physics engine).</summary>
    public static Func<string, IVirtualCell>? CellFactory { get; set; }

    public static Command Create()
    {
        var cell = new Option<string>("--cell") { Description = "Scenario file or design name (dap-half, pl-half, dap-lfp, dap-s)", Required = true };
        var channels = new Option<int>("--channels") { Description = "Number of channels", DefaultValueFactory = _ => 1 };
        var port = new Option<int>("--port") { Description = "First TCP port (SCPI: channel i on port+i; MacNet: JSON on port, binary on port+1)", DefaultValueFactory = _ => 5025 };
        var timeScale = new Option<double>("--time-scale") { Description = "Virtual seconds per wall-clock second", DefaultValueFactory = _ => 1.0 };
        var dialect = new Option<string>("--dialect") { Description = "scpi (Keithley 2400) or macnet (Maccor)", DefaultValueFactory = _ => "scpi" };
        var controlPort = new Option<int?>("--control-port") { Description = "Port for live fault injection ('help' lists commands)" };
        var faults = new Option<FileInfo?>("--faults") { Description = "Fault schedule: lines '<time_s> <channel|*> <fault>'" };
        var bind = new Option<string>("--bind") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("emulate", "Serve virtual cells behind a real instrument's network dialect")
        {
            cell, channels, port, timeScale, dialect, controlPort, faults, bind,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                if (CellFactory is null)
                    throw new InvalidOperationException("no physics engine is wired into this build (EmulateCommand.CellFactory is not set)");
                var kind = parse.GetValue(dialect)?.ToLowerInvariant() switch
                {
                    "scpi" => DialectKind.Scpi,
                    "macnet" => DialectKind.MacNet,
                    var d => throw new ArgumentException($"--dialect '{d}': expected scpi or macnet"),
                };
                if (!IPAddress.TryParse(parse.GetValue(bind), out var address))
                    throw new ArgumentException($"--bind '{parse.GetValue(bind)}' is not an IP address");
                var schedule = parse.GetValue(faults) is { } f ? FaultScheduleFile.Read(f.FullName) : [];
                var scale = parse.GetValue(timeScale);
                if (!(scale > 0)) throw new ArgumentException($"--time-scale {scale}: must be > 0");
                var count = parse.GetValue(channels);
                if (count < 1) throw new ArgumentException($"--channels {count}: expected at least 1 channel");
                var first = parse.GetValue(port);
                var lastPort = first + (kindPorts(count) - 1);
                if (first < 0 || (first > 0 && lastPort > 65535))
                    throw new ArgumentException($"--port {first}: expected a TCP port such that {first}..{lastPort} lie within 1..65535 (0: any free ports)");
                if (parse.GetValue(controlPort) is { } c && (c < 0 || c > 65535))
                    throw new ArgumentException($"--control-port {c}: expected a TCP port within 1..65535 (0: any free port)");
                int kindPorts(int n) => kind == DialectKind.Scpi ? n : 2;
                // Make one cell now: a misspelt design or a bad scenario file fails here, not at a client's first command.
                _ = CellFactory(parse.GetValue(cell)!);
                var options = new EmulatorHostOptions(
                    new EmulatorOptions(CellFactory, parse.GetValue(cell)!, parse.GetValue(channels), scale, FaultSchedule: schedule),
                    kind, parse.GetValue(port), parse.GetValue(controlPort), address);
                await using var emulator = await CyclerEmulator.StartAsync(options, ct);
                var ports = emulator.Ports;
                Console.Error.WriteLine(kind == DialectKind.Scpi
                    ? $"dapcu emulate: {ports.Count} Keithley 2400 channel(s) on {address}:{ports[0]}..{ports[^1]} (TCPIP::{address}::{ports[0]}::SOCKET), time scale {scale.ToString(CultureInfo.InvariantCulture)}"
                    : $"dapcu emulate: Maccor MacNet JSON on {address}:{ports[0]}, binary on {ports[1]}, {options.Emulator.Channels} channel(s)");
                if (emulator.ControlPort is { } cp) Console.Error.WriteLine($"dapcu emulate: control port {cp} (try: echo help | nc {address} {cp})");
                Console.Error.WriteLine("dapcu emulate: serving until Ctrl-C");
                try { await Task.Delay(Timeout.Infinite, ct); } catch (OperationCanceledException) { }
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException or Scenarios.ScenarioException)
            {
                Console.Error.WriteLine($"dapcu emulate: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
