using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DapCu.Twin.Cli.Tests;

/// <summary>dapcu emulate as an instrument on loopback, and dapcu bench's output shape (rates are not asserted).</summary>
public class EmulateBenchTests
{
    [Fact]
    public async Task Emulator_answers_idn_on_each_channel_refuses_a_second_client_and_stops_on_ctrl_c()
    {
        using var dir = new TempFolder();
        // Port 0: the emulator binds ports the OS picks and says which (no free-port-then-hand-over race).
        var portsFile = Path.Combine(dir.Path, "ports.json");
        using var emulator = CliProcess.Start(dir.Path, "emulate", "--cell", "dap-half", "--channels", "2", "--port", "0",
            "--time-scale", "100", "--ports-file", portsFile);
        Assert.True(emulator.WaitUntil(() => emulator.Stderr.Contains("serving until Ctrl-C"), TimeSpan.FromSeconds(60)),
            $"emulator did not start:\n{emulator.Stderr}");
        var bound = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(portsFile))!;
        Assert.Equal("scpi", bound["dialect"]!.GetValue<string>());
        var ports = bound["ports"]!.AsArray().Select(p => p!.GetValue<int>()).ToArray();
        Assert.Equal(2, ports.Length);
        Assert.Contains(bound.ToJsonString(), emulator.Stdout.Replace(" ", ""));
        var port = ports[0];
        using (var channel0 = await Connect(port))
        using (var channel1 = await Connect(ports[1]))
        {
            Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,", await Ask(channel0, "*IDN?"));
            Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,", await Ask(channel1, "*IDN?"));

            // Channel 0 is held: a second client is told so, then closed.
            using var intruder = await Connect(port);
            var refusal = await ReadLine(intruder);
            Assert.Contains($"port {port} is busy", refusal);
            Assert.Null(await ReadLine(intruder)); // connection closed
            Assert.StartsWith("KEITHLEY", await Ask(channel0, "*IDN?")); // the holder is undisturbed
        }

        emulator.Interrupt();
        var stopped = emulator.WaitForExit(TimeSpan.FromSeconds(10));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
    }

    [Fact]
    public void Emulator_on_a_taken_port_says_so_and_exits_non_zero()
    {
        using var dir = new TempFolder();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var r = CliProcess.Run(dir.Path, TimeSpan.FromSeconds(60), "emulate", "--cell", "dap-half", "--port", port.ToString());

        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", r.Stderr);
        Assert.Contains("--port", r.Stderr);
    }

    [Fact]
    public void Emulator_with_an_unknown_cell_fails_at_once_naming_the_designs()
    {
        using var dir = new TempFolder();
        using var squatter = new TcpListener(IPAddress.Loopback, 0); // only to get a port no one uses
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        squatter.Stop();

        // Before the fix it listened anyway and dropped every client without a word.
        var r = CliProcess.Run(dir.Path, TimeSpan.FromSeconds(60), "emulate", "--cell", "dap-hlaf", "--port", port.ToString());

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("--cell 'dap-hlaf'", r.Stderr);
        Assert.Contains("dap-half", r.Stderr);
        Assert.DoesNotContain("serving", r.Stderr);
    }

    [Fact]
    public void Bench_rejects_zero_rounds_instead_of_crashing()
    {
        using var dir = new TempFolder();

        var r = CliProcess.Run(dir.Path, "bench", "--seconds", "0.05", "--rounds", "0");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("--rounds >= 1", r.Stderr);
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
    }

    [Fact]
    public void Bench_prints_engine_rates_in_cell_cycles_per_second()
    {
        using var dir = new TempFolder();

        var r = CliProcess.Run(dir.Path, "bench", "--seconds", "0.05", "--rounds", "1");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(2, r.Stdout.Split('\n').Count(l => l.Contains("cell-cycles/s")));
    }

    [Fact]
    public void Bench_names_the_option_and_the_bad_count_of_cell_grains()
    {
        using var dir = new TempFolder();

        var r = CliProcess.Run(dir.Path, "bench", "--seconds", "0.05", "--rounds", "1", "--live", "--live-cells", "", "--cell-grains", "1000,ten");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("--cell-grains", r.Stderr);
        Assert.Contains("'ten'", r.Stderr);
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
    }

    [Fact]
    public void Bench_drives_cell_grains_once_a_second_and_prints_staleness_and_cost()
    {
        using var dir = new TempFolder();

        var r = CliProcess.Run(dir.Path, "bench", "--seconds", "0.05", "--rounds", "1", "--live", "--live-cells", "", "--cell-grains", "300", "--cell-grain-seconds", "2");

        Assert.True(r.ExitCode == 0, r.ToString());
        var line = r.Stdout.Split('\n').Single(l => l.Contains("300 CellGrains:"));
        foreach (var figure in new[] { "activated", "advances/s of 300/s wanted", "staleness p50", "B/grain", "us CPU per advance", "load average" })
            Assert.Contains(figure, line);
    }

    private static async Task<TcpClient> Connect(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    private static async Task<string?> Ask(TcpClient client, string command)
    {
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(command + "\n"));
        return await ReadLine(client);
    }

    /// <summary>One line, or null when the peer closed; bounded to 10 s.</summary>
    private static async Task<string?> ReadLine(TcpClient client)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var n = await client.GetStream().ReadAsync(buffer, timeout.Token);
            if (n == 0) return line.Length > 0 ? line.ToString() : null;
            if (buffer[0] == '\n') return line.ToString().TrimEnd('\r');
            line.Append((char)buffer[0]);
        }
    }
}
