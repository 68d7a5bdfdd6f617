using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Dashboard.Tests;

/// <summary>
/// Debian's prometheus (tests/setup.d/dashboard-browser.sh installs it), started with a generated config and its
/// own data folder, scraping a <c>dapcu serve</c> every second. The scrape passes through a transparent relay
/// here, which forwards it to serve's /metrics unchanged and reports each scrape as it happens: the test waits
/// on those events instead of on the clock.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly WebApplication _relay;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _folder;

    private PrometheusServer(Process process, WebApplication relay, string folder, Uri api, Channel<int> scrapes)
    {
        (_process, _relay, _folder, Api, Scrapes) = (process, relay, folder, api, scrapes);
    }

    /// <summary>Prometheus' HTTP API base address.</summary>
    public Uri Api { get; }

    /// <summary>One item per completed scrape (its number).</summary>
    public Channel<int> Scrapes { get; }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<PrometheusServer> StartAsync(Uri serve, TimeSpan guard)
    {
        Assert.True(File.Exists(Binary), $"{Binary} missing: run tests/setup.d/dashboard-browser.sh (Debian package prometheus)");
        var scrapes = Channel.CreateUnbounded<int>();
        var relay = await StartRelayAsync(serve, scrapes);
        var relayAddress = new Uri(relay.Urls.First());
        var folder = Directory.CreateTempSubdirectory("dapcu-prometheus-").FullName;
        var port = FreePort();
        File.WriteAllText(Path.Combine(folder, "prometheus.yml"), $"""
            global: {"{"} scrape_interval: 1s, scrape_timeout: 1s {"}"}
            scrape_configs:
              - job_name: dapcu
                metrics_path: /metrics
                static_configs: [ {"{"} targets: [ "{relayAddress.Authority}" ] {"}"} ]
            """);
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { $"--config.file={folder}/prometheus.yml", $"--storage.tsdb.path={folder}/data",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=info" })
            info.ArgumentList.Add(a);
        var server = new PrometheusServer(new Process { StartInfo = info, EnableRaisingEvents = true }, relay, folder,
            new Uri($"http://127.0.0.1:{port}/"), scrapes);
        server._process.OutputDataReceived += (_, e) => server.Line(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Line(e.Data);
        server._process.Exited += (_, _) => server._ready.TrySetException(new InvalidOperationException($"prometheus exited:\n{server.Log}"));
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server._ready.Task.WaitAsync(guard);
        return server;
    }

    private void Line(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Append(line).Append('\n');
        if (line.Contains("Server is ready to receive web requests", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    private static async Task<WebApplication> StartRelayAsync(Uri serve, Channel<int> scrapes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // the relay is plumbing: its request log would bury the test output
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var client = new HttpClient { BaseAddress = serve };
        var count = 0;
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
            if (context.Request.Headers.Accept.Count > 0) request.Headers.TryAddWithoutValidation("Accept", context.Request.Headers.Accept.ToString());
            using var response = await client.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body);
            await context.Response.CompleteAsync();
            scrapes.Writer.TryWrite(Interlocked.Increment(ref count));
        });
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); } }
        catch (InvalidOperationException) { }
        _process.Dispose();
        await _relay.StopAsync();
        await _relay.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
