using Microsoft.AspNetCore.Builder;

namespace DapCu.Twin.Host.Tests;

/// <summary>A <c>dapcu serve</c> host in this process on a port the OS picks, with its client.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, Uri url)
    {
        App = app;
        Url = url;
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
    }

    public WebApplication App { get; }
    public Uri Url { get; }
    public HttpClient Client { get; }

    public static async Task<TestServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?> { ["Serve:HttpPort"] = "0" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) overrides[k] = v;
        var app = TwinHostBuilder.Create([], overrides).Build();
        await app.StartAsync();
        // Bound to 0.0.0.0 the server is still reached over loopback.
        var bound = new Uri(TwinHostBuilder.BoundUrls(app).Single().Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1"));
        return new TestServer(app, bound);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}

/// <summary>One loopback server shared by the API tests of a class.</summary>
public sealed class LoopbackServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;
    public async Task InitializeAsync() => Server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await Server.DisposeAsync();
}

internal static class Scenario
{
    /// <summary>A small LFP fleet with spread: 20 cycles, 8 cells by default.</summary>
    public const string Yaml = """
        name: api-lfp
        seed: 42
        cells:
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
          - { label: PL, design: pl-lfp, np_ratio: 1.2 }
        protocol: |
          Repeat 20 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        fleet:
          cells: 8
          seed: 7
          spread:
            np_ratio: { dist: normal, sd: 0.05 }
        """;
}
