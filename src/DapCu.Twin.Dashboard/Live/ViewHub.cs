using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using DapCu.Twin.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Dashboard.Live;

/// <summary>
/// Batches live data for open pages: once per interval it reads each topic that has viewers (a fleet, a cell,
/// the channels) from the grains ONCE, serialises it ONCE, and hands the same message to every view of
/// that topic. A view gets one message per interval, however many cells stepped; a slow view skips stale
/// messages rather than queueing them. Each tick also refreshes the fleet census behind
/// <c>dapcu_fleet_cells</c>, whether or not a page is open.
/// </summary>
public sealed class ViewHub(DashboardData data, IConfiguration configuration, ILogger<ViewHub> log, TimeProvider time,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    /// <summary>Configuration key: milliseconds between two pushes to a view (default 1000).</summary>
    public const string IntervalKey = "Dashboard:PushIntervalMs";

    private static readonly Counter<long> Pushed = TwinTelemetry.Meter.CreateCounter<long>(
        "dapcu.dashboard.pushed", "By", "bytes pushed to open dashboard views");
    /// <summary>Every fleet's census: always kept warm (the hub reads it each interval for the metrics anyway).</summary>
    private const string FleetsTopic = "fleets";

    /// <summary>How long a topic nobody watches any more is still read each interval.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Topic> _topics = new(new[] { KeyValuePair.Create(FleetsTopic, new Topic(FleetsTopic)) });
    private readonly SemaphoreSlim _wake = new(0);
    private int _views;

    public TimeSpan Interval => TimeSpan.FromMilliseconds(configuration.GetValue(IntervalKey, 1000));

    /// <summary>Views open now, over all topics.</summary>
    public int Views => Volatile.Read(ref _views);

    /// <summary>Opens a view on a topic; the reader yields one JSON message per interval until disposed.</summary>
    public View Subscribe(string topic)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var view = new View(this, topic, channel);
        var watched = _topics.GetOrAdd(topic, t => new Topic(t));
        // A watched topic's latest message (at most one interval old) goes to the new view at once; otherwise
        // the hub is woken to read the topic now rather than an interval later.
        if (watched.Latest is { } latest && channel.Writer.TryWrite(latest))
        {
            view.Started = true;
            Pushed.Add(System.Text.Encoding.UTF8.GetByteCount(latest));
        }
        watched.Views[view] = 0;
        Interlocked.Increment(ref _views);
        if (!view.Started) _wake.Release();
        return view;
    }

    private void Unsubscribe(View view)
    {
        if (_topics.TryGetValue(view.Topic, out var topic) && topic.Views.TryRemove(view, out _)) Interlocked.Decrement(ref _views);
        view.Channel.Writer.TryComplete();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grains can be called once the host (and with it the silo) has started.
        if (lifetime is not null && !lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            using (stoppingToken.Register(() => started.TrySetCanceled()))
                try { await started.Task; } catch (OperationCanceledException) { return; }
        }
        TwinTelemetry.StartCounters(); // the host's meter provider listens by now
        using var timer = new PeriodicTimer(Interval, time);
        // Both waits live across iterations: a wake-up that loses the race to a tick is still pending next time.
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var wake = _wake.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await Task.WhenAny(tick, wake) == tick)
                {
                    if (!await tick) break;
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                    await TickAsync(onlyNew: false, stoppingToken);
                }
                else
                {
                    await wake;
                    wake = _wake.WaitAsync(stoppingToken);
                    await TickAsync(onlyNew: true, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { PushFailed(log, e); }
        }
    }

    private static readonly Action<ILogger, Exception?> PushFailedMessage =
        LoggerMessage.Define(LogLevel.Warning, new EventId(1, "DashboardPushFailed"), "dashboard push failed; retrying next interval");

    private static void PushFailed(ILogger logger, Exception e) => PushFailedMessage(logger, e);

    private async Task TickAsync(bool onlyNew, CancellationToken ct)
    {
        // The census is read every interval anyway (dapcu_fleet_cells); the fleets topic is that same read.
        var fleets = onlyNew ? null : await data.RefreshCensusAsync(ct);
        var now = time.GetUtcNow();
        foreach (var topic in _topics.Values)
        {
            if (!topic.Views.IsEmpty) topic.LastWatched = now;
            else if (topic.Name != FleetsTopic && now - topic.LastWatched > Retention)
            {
                // Unwatched for a while: forget it (put back if a view opened on it meanwhile).
                if (_topics.TryRemove(topic.Name, out _) && !topic.Views.IsEmpty) _topics.TryAdd(topic.Name, topic);
                continue;
            }
            var targets = onlyNew ? topic.Views.Keys.Where(v => !v.Started).ToArray() : topic.Views.Keys.ToArray();
            if (onlyNew && targets.Length == 0) continue;
            string message;
            try
            {
                var snapshot = topic.Name == FleetsTopic && fleets is not null ? new { fleets } : await data.SnapshotAsync(topic.Name, ct);
                message = JsonSerializer.Serialize(snapshot, DashboardJson.Options);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One topic's failure (a fleet stopped mid-read, a silo gone) must not starve the others.
                message = JsonSerializer.Serialize(new { error = $"{topic.Name}: {e.Message}" }, DashboardJson.Options);
            }
            topic.Latest = message;
            foreach (var view in targets)
            {
                view.Started = true;
                if (view.Channel.Writer.TryWrite(message)) Pushed.Add(System.Text.Encoding.UTF8.GetByteCount(message));
            }
        }
    }

    private sealed class Topic(string name)
    {
        public string Name { get; } = name;
        public ConcurrentDictionary<View, byte> Views { get; } = new();

        /// <summary>When a view last watched it: a topic stays warm (read every interval) for <see cref="Retention"/>
        /// after its last view closed, so a reopened page gets a fresh first message at once.</summary>
        public DateTimeOffset LastWatched;

        /// <summary>The last message sent to this topic's views (handed to a view that opens meanwhile).</summary>
        public volatile string? Latest;
    }

    /// <summary>One open page's subscription.</summary>
    public sealed class View(ViewHub hub, string topic, Channel<string> channel) : IDisposable
    {
        public string Topic { get; } = topic;
        internal Channel<string> Channel { get; } = channel;
        internal bool Started { get; set; }
        public ChannelReader<string> Messages => Channel.Reader;
        public void Dispose() => hub.Unsubscribe(this);
    }
}
