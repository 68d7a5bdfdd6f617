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
        var port = new Option<int?>("--port") { Description = "SCPI: first port, channel i on port+i (default 5025). MacNet: JSON port (default 57570, Maccor's). 0: ports the OS picks, for every listener (see --ports-file)" };
        var binaryPort = new Option<int?>("--binary-port") { Description = "MacNet binary port (default 57560, Maccor's; 0 when --port is 0)" };
        var portsFile = new Option<FileInfo?>("--ports-file") { Description = "Write the ports bound (JSON: dialect, data ports, control port) to this file before serving" };
        var readOutputOff = new Option<bool>("--read-output-off") { Description = "Let :READ? measure with the output off (a 2400 answers +803 \"Output disabled\")" };
        var procedures = new Option<DirectoryInfo?>("--procedures") { Description = "Folder of MacNet test procedures (<ProcName>.txt, protocol text) for (6,2) start test" };
        var timeScale = new Option<double>("--time-scale") { Description = "Virtual seconds per wall-clock second", DefaultValueFactory = _ => 1.0 };
        var dialect = new Option<string>("--dialect") { Description = "scpi (Keithley 2400) or macnet (Maccor)", DefaultValueFactory = _ => "scpi" };
        var controlPort = new Option<int?>("--control-port") { Description = "Port for live fault injection ('help' lists commands)" };
        var faults = new Option<FileInfo?>("--faults") { Description = "Fault schedule: lines '<time_s> <channel|*> <fault>'" };
        var bind = new Option<string>("--bind") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("emulate", "Serve virtual cells behind a real instrument's network dialect")
        {
            cell, channels, port, binaryPort, timeScale, dialect, controlPort, faults, bind, portsFile, readOutputOff, procedures,
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
                var first = parse.GetValue(port) ?? (kind == DialectKind.Scpi ? EmulatorHostOptions.DefaultScpiPort : EmulatorHostOptions.DefaultMacNetJsonPort);
                var lastPort = first + (kind == DialectKind.Scpi ? count - 1 : 0);
                if (first < 0 || (first > 0 && lastPort > 65535))
                    throw new ArgumentException($"--port {first}: expected a TCP port such that {first}..{lastPort} lie within 1..65535 (0: any free ports)");
                foreach (var (name, value) in new[] { ("--control-port", parse.GetValue(controlPort)), ("--binary-port", parse.GetValue(binaryPort)) })
                    if (value is { } c && (c < 0 || c > 65535))
                        throw new ArgumentException($"{name} {c}: expected a TCP port within 1..65535 (0: any free port)");
                // Make one cell now: a misspelt design or a bad scenario file fails here, not at a client's first command.
                _ = CellFactory(parse.GetValue(cell)!);
                var options = new EmulatorHostOptions(
                    new EmulatorOptions(CellFactory, parse.GetValue(cell)!, parse.GetValue(channels), scale, FaultSchedule: schedule,
                        ReadWithOutputOff: parse.GetValue(readOutputOff), ProceduresFolder: parse.GetValue(procedures)?.FullName),
                    kind, first, parse.GetValue(controlPort), address, BinaryPort: parse.GetValue(binaryPort));
                await using var emulator = await CyclerEmulator.StartAsync(options, ct);
                var ports = emulator.Ports;
                // What was bound, for whoever started us with port 0: one JSON line on stdout, and the file if asked.
                var bound = EmulatorPorts.Json(emulator);
                Console.Out.WriteLine(bound);
                if (parse.GetValue(portsFile) is { } pf) EmulatorPorts.Write(pf.FullName, bound);
                Console.Error.WriteLine(kind == DialectKind.Scpi
                    ? $"dapcu emulate: {ports.Count} Keithley 2400 channel(s) on {address}:{(first == 0 ? string.Join(',', ports.Take(8)) + (ports.Count > 8 ? ",…" : "") : $"{ports[0]}..{ports[^1]}")} (TCPIP::{address}::{ports[0]}::SOCKET), time scale {scale.ToString(CultureInfo.InvariantCulture)}"
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
