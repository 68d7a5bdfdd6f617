using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace DapCu.Twin.Cli.Commands;

/// <summary>
/// <c>dapcu bench --dashboard</c>: a <c>dapcu serve</c> of its own running a 1,000,000-cell live fleet; then the
/// server's CPU with no page open and with 10 open fleet views, the bytes each view is pushed per second, and
/// in Debian's Chromium the page load and the first live value (as the browser's Performance API measures them).
/// </summary>
public static class BenchDashboard
{
    private const string Chromium = "/usr/bin/chromium";

    public static async Task RunAsync(int cells, int views, double windowSeconds, TextWriter o, CancellationToken ct)
    {
        o.WriteLine(Inv($"dashboard (dapcu serve in its own process; {cells:N0}-cell live fleet at 3600x wall clock):"));
        await using var serve = await ServeProcess.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromMinutes(10) };

        o.WriteLine($"  load average at start: {LoadAverage()} ({Environment.ProcessorCount} cores; other jobs on the box slow every figure)");
        var clock = Stopwatch.StartNew();
        var started = await http.PostAsJsonAsync("api/fleets", new { scenarioYaml = FleetYaml(cells), sourceName = "bench-fleet.yaml", scale = 3600.0 }, ct);
        if (!started.IsSuccessStatusCode) throw new InvalidOperationException($"starting the bench fleet: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync(ct)}");
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        var startCall = clock.Elapsed;
        var topic = $"dashboard/stream/fleet/{Uri.EscapeDataString(id)}";
        await FirstMessageAsync(http, topic, ct);
        var firstPush = clock.Elapsed;
        await CountedAsync(http, id, cells, ct);
        o.WriteLine(Inv($"  fleet start call returned after {startCall.TotalSeconds:F1} s, first aggregates pushed after {firstPush.TotalSeconds:F1} s, ") +
                    Inv($"all {cells:N0} cells built and counted after {clock.Elapsed.TotalSeconds:F1} s"));

        var window = TimeSpan.FromSeconds(windowSeconds);
        var idle = await CpuShareAsync(serve, window, ct);
        o.WriteLine(Inv($"  server CPU, no page open: {idle:P0} of one core = {idle / Environment.ProcessorCount:P0} of the machine (the fleet itself)"));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var counters = Enumerable.Range(0, views).Select(_ => new ViewCounter()).ToArray();
        var readers = counters.Select(c => c.ReadAsync(http, topic, stop.Token)).ToArray();
        await Task.WhenAll(counters.Select(c => c.FirstMessage.Task)); // every view open and served
        var firsts = counters.Select(c => c.FirstAfter.TotalMilliseconds).Order().ToArray();
        o.WriteLine(Inv($"  a new view's first message (request sent to message read, server-sent events): median {firsts[firsts.Length / 2]:F0} ms, max {firsts[^1]:F0} ms"));
        foreach (var c in counters) c.Reset();
        var loaded = await CpuShareAsync(serve, window, ct);
        var perView = counters.Select(c => c.Bytes / window.TotalSeconds).ToArray();
        var messages = counters.Average(c => c.Messages) / window.TotalSeconds;
        stop.Cancel();
        await Task.WhenAll(readers);
        o.WriteLine(Inv($"  server CPU, {views} fleet views open (server-sent-event clients): {loaded:P0} of one core = {loaded / Environment.ProcessorCount:P0} of the machine ({(loaded - idle) * 100:F1} points of a core for the views)"));
        o.WriteLine(Inv($"  pushed per view: {perView.Average() / 1024:F1} KB/s (max {perView.Max() / 1024:F1} KB/s), {messages:F2} messages/s; goal <= 50 KB/s"));

        if (!File.Exists(Chromium)) { o.WriteLine($"  browser: {Chromium} not found (tests/setup.d/dashboard-browser.sh installs it); skipped"); return; }
        var timings = new List<(double Load, double First, double Wall)>();
        for (var i = 0; i < 3; i++) timings.Add(await BrowserAsync(http, serve.Address, id, ct));
        var median = timings.OrderBy(t => t.First).ElementAt(1);
        o.WriteLine(Inv($"  Chromium (median of 3 cold starts): page load {median.Load:F0} ms, first live value {median.First:F0} ms after navigation start; goal < 1000 ms"));
        o.WriteLine(Inv($"    (browser process start to first value: {median.Wall:F0} ms; every run: ") +
                    string.Join(", ", timings.Select(t => Inv($"load {t.Load:F0} / first {t.First:F0} ms"))) + ")");
        o.WriteLine($"  load average at end: {LoadAverage()}");
    }

    private static async Task<(double Load, double First, double Wall)> BrowserAsync(HttpClient http, Uri address, string id, CancellationToken ct)
    {
        var profile = Directory.CreateTempSubdirectory("dapcu-bench-chromium-");
        var next = http.GetFromJsonAsync<JsonElement>("dashboard/api/timing/next", ct);
        var start = new ProcessStartInfo(Chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile.FullName}",
                     "--remote-debugging-port=0", new Uri(address, $"?bench=1#/fleet/{Uri.EscapeDataString(id)}").ToString() })
            start.ArgumentList.Add(a);
        var wall = Stopwatch.StartNew();
        using var browser = Process.Start(start) ?? throw new InvalidOperationException("could not start chromium");
        browser.StandardOutput.ReadToEndAsync(ct).Ignore();
        browser.StandardError.ReadToEndAsync(ct).Ignore();
        try
        {
            var t = await next.WaitAsync(TimeSpan.FromMinutes(1), ct);
            return (t.GetProperty("load_ms").GetDouble(), t.GetProperty("firstValue_ms").GetDouble(), wall.Elapsed.TotalMilliseconds);
        }
        finally
        {
            if (!browser.HasExited) browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync(CancellationToken.None);
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<double> CpuShareAsync(ServeProcess serve, TimeSpan window, CancellationToken ct)
    {
        var cpu = serve.CpuTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(window, ct);
        return (serve.CpuTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
    }

    /// <summary>Waits (polling the fleet API) until the fleet's aggregates count every cell: all shards built.</summary>
    private static async Task CountedAsync(HttpClient http, string id, int cells, CancellationToken ct)
    {
        while ((await http.GetFromJsonAsync<JsonElement>($"api/fleets/{Uri.EscapeDataString(id)}", ct)).GetProperty("aggregates").GetProperty("cells").GetInt64() < cells)
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task FirstMessageAsync(HttpClient http, string topic, CancellationToken ct)
    {
        var c = new ViewCounter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = c.ReadAsync(http, topic, stop.Token);
        await c.FirstMessage.Task.WaitAsync(ct);
        stop.Cancel();
        await reading;
    }

    /// <summary>A 1C Li|LFP DAP fleet without spread (one shared model: the live fleet's cheapest cells).</summary>
    private static string FleetYaml(int cells) => Inv($"""
        name: bench-dashboard-fleet
        seed: 1
        output: {"{"} resolution_s: 0 {"}"}
        cells:
          - {"{"} label: DAP, design: dap-lfp {"}"}
        protocol: |
          Repeat 1000 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        fleet:
          cells: {cells}
          seed: 2
        """);

    private sealed class ViewCounter
    {
        private long _bytes, _messages;
        private readonly Stopwatch _opened = new();
        public TaskCompletionSource FirstMessage { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TimeSpan FirstAfter { get; private set; }
        public long Bytes => Interlocked.Read(ref _bytes);
        public long Messages => Interlocked.Read(ref _messages);
        public void Reset() { Interlocked.Exchange(ref _bytes, 0); Interlocked.Exchange(ref _messages, 0); }

        public async Task ReadAsync(HttpClient http, string topic, CancellationToken ct)
        {
            try
            {
                _opened.Start();
                using var response = await http.GetAsync(topic, HttpCompletionOption.ResponseHeadersRead, ct);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    Interlocked.Add(ref _bytes, System.Text.Encoding.UTF8.GetByteCount(line) + 1);
                    if (line.Length != 0) continue;
                    Interlocked.Increment(ref _messages);
                    if (FirstAfter == TimeSpan.Zero) FirstAfter = _opened.Elapsed;
                    FirstMessage.TrySetResult();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
