using System.Net.Http.Json;
using System.Text.Json;

namespace DapCu.Twin.Dashboard.Tests;

/// <summary>
/// One <c>dapcu serve</c> for the dashboard tests (starting one costs seconds of a 2-core box), with a live fleet
/// of the shipped example <c>dap-lfp-fleet</c> started through the fleet API at a time scale where
/// cycles complete every wall second. <see cref="FleetId"/> is that fleet.
/// </summary>
public sealed class LiveServeFixture : IAsyncLifetime
{
    public const string FleetScenario = "examples/dap-lfp-fleet.yaml";
    /// <summary>Cell hours per wall second: a 1C cycle (2 h) every ~0.5 s.</summary>
    public const double Scale = 14_400;
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(4);

    public ServeProcess Serve { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string FleetId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Two emulated SCPI channels in the server, on free ports (the channels view and channel metrics need them).
        Serve = await ServeProcess.StartAsync("--set", "Emulator:Channels=2", "--set", "Emulator:Port=0");
        Http = new HttpClient { BaseAddress = Serve.BaseAddress, Timeout = Guard };
        // Through the server's fleet API, as `dapcu fleet start` does (the path is on the server: it runs in the repo).
        var started = await Http.PostAsJsonAsync("api/fleets", new { scenarioPath = "scenarios/" + FleetScenario, scale = Scale });
        Assert.True(started.IsSuccessStatusCode, $"starting {FleetScenario}: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
        FleetId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Reads the fleet's push stream until a message satisfies <paramref name="done"/> (event-driven: one
    /// message per server interval); returns that message. The guard only stops a hang.</summary>
    public async Task<JsonElement> WaitForFleetAsync(Func<JsonElement, bool> done) =>
        await StreamUntilAsync($"dashboard/stream/fleet/{Uri.EscapeDataString(FleetId)}", done);

    public async Task<JsonElement> StreamUntilAsync(string path, Func<JsonElement, bool> done)
    {
        using var guard = new CancellationTokenSource(Guard);
        using var response = await Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
        JsonElement last = default;
        while (await reader.ReadLineAsync(guard.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            last = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            if (done(last)) return last;
        }
        throw new InvalidOperationException($"{path}: stream ended; last message {last}\n{Serve.Output}");
    }

    /// <summary>Talks to emulated channel 0 as a cycler program would: *IDN?, a command it does not know, SYST:ERR?.
    /// Returns the replies.</summary>
    public async Task<string[]> TalkToChannelAsync()
    {
        var channels = await StreamUntilAsync("dashboard/stream/channels", m => m.GetProperty("emulatorRunning").GetBoolean());
        var port = channels.GetProperty("channels")[0].GetProperty("port").GetInt32();
        using var client = new System.Net.Sockets.TcpClient();
        using var guard = new CancellationTokenSource(Guard);
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port, guard.Token);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream);
        var writer = new StreamWriter(stream) { NewLine = "\n", AutoFlush = true };
        var replies = new List<string>();
        foreach (var line in new[] { "*IDN?", "BOGUS:COMMAND 1", "SYST:ERR?" })
        {
            await writer.WriteLineAsync(line);
            if (line.EndsWith('?')) replies.Add(await reader.ReadLineAsync(guard.Token) ?? "");
        }
        return replies.ToArray();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Serve is not null) await Serve.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LiveServeCollection : ICollectionFixture<LiveServeFixture>
{
    public const string Name = "dapcu serve with a live fleet";
}
