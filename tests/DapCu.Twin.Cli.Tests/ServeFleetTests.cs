using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Tests;

/// <summary><c>dapcu serve</c> as a child process on a port the OS picks, driven with <c>dapcu fleet</c> as a user would.</summary>
public class ServeFleetTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private const string FleetScenario = """
        name: cli-live
        seed: 5
        cells:
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
        protocol: |
          Repeat 10 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        fleet: { cells: 6, seed: 3 }
        """;

    [Fact]
    public void Fleet_commands_start_list_show_read_a_cell_and_stop_a_fleet_on_a_running_server()
    {
        using var dir = new TempFolder();
        var scenario = dir.Write("live.yaml", FleetScenario);
        using var serve = CliProcess.Start(dir.Path, "serve", "--http-port", "0", "--urls-file", dir["urls.txt"]);
        Assert.True(serve.WaitUntil(() => serve.Stdout.Contains("Now listening on: http://127.0.0.1:"), HangGuard), serve.Stdout + serve.Stderr);
        var url = File.ReadAllLines(dir["urls.txt"]).Single();
        Assert.Contains(url, serve.Stdout);

        var started = CliProcess.Run(dir.Path, "fleet", "start", scenario, "--server", url);
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Contains("cli-live [DAP], 6 cells", started.Stdout);

        var list = CliProcess.Run(dir.Path, "fleet", "list", "--server", url, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var id = JsonNode.Parse(list.Stdout)!.AsArray().Single()!["id"]!.GetValue<string>();

        // Wait (hang guard only) for the accelerated fleet to finish, through the CLI.
        CliResult show;
        using (var guard = new CancellationTokenSource(HangGuard))
            do
            {
                show = CliProcess.Run(dir.Path, "fleet", "show", id, "--server", url);
                Assert.True(show.ExitCode == 0, show.ToString());
                Assert.False(guard.IsCancellationRequested, "hang guard: " + show);
            } while (!show.Stdout.Contains("Finished"));
        Assert.Contains("cells 6:", show.Stdout);
        Assert.Contains("finished 6", show.Stdout);

        var cell = CliProcess.Run(dir.Path, "fleet", "cell", id, "2", "--server", url, "--json");
        Assert.True(cell.ExitCode == 0, cell.ToString());
        Assert.Equal(10, JsonNode.Parse(cell.Stdout)!["cycles"]!.AsArray().Count);

        var badScale = CliProcess.Run(dir.Path, "fleet", "scale", id, "fast", "--server", url);
        Assert.Equal(2, badScale.ExitCode);
        Assert.Contains("expected a number from 1 to 100000", badScale.Stderr);

        var stop = CliProcess.Run(dir.Path, "fleet", "stop", id, "--server", url);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var gone = CliProcess.Run(dir.Path, "fleet", "show", id, "--server", url);
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains($"no live fleet '{id}'", gone.Stderr);

        serve.Interrupt();
        var exit = serve.WaitForExit(HangGuard);
        Assert.True(exit.ExitCode == 0, exit.ToString());
    }

    [Fact]
    public void Fleet_commands_say_when_no_server_answers()
    {
        using var dir = new TempFolder();
        var r = CliProcess.Run(dir.Path, "fleet", "list", "--server", "http://127.0.0.1:9");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is 'dapcu serve' running there?", r.Stderr);
    }
}
