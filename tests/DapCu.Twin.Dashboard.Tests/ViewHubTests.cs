using DapCu.Twin.Dashboard.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DapCu.Twin.Dashboard.Tests;

/// <summary>The push hub batches on the server: however many views watch a topic, each interval reads the topic
/// once, serialises it once and gives every view that one message. Time is a fake clock moved by the test.</summary>
public sealed class ViewHubTests
{
    [Fact]
    public async Task Ten_views_of_a_fleet_cost_one_read_and_one_message_per_interval()
    {
        var twin = new CountingTwin();
        var time = new FakeTimeProvider();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ViewHub.IntervalKey] = "1000" }).Build();
        using var hub = new ViewHub(new DashboardData(twin), config, NullLogger<ViewHub>.Instance, time);
        await hub.StartAsync(CancellationToken.None);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // hang guard only

        var views = Enumerable.Range(0, 10).Select(_ => hub.Subscribe("fleet/f")).ToArray();
        // A new view is served at once, without waiting for the interval.
        foreach (var v in views) await v.Messages.ReadAsync(guard.Token);
        Assert.Equal(10, hub.Views);
        var readsBefore = twin.FleetReads;

        for (var interval = 1; interval <= 3; interval++)
        {
            time.Advance(hub.Interval);
            var messages = new List<string>();
            foreach (var v in views) messages.Add(await v.Messages.ReadAsync(guard.Token));
            Assert.Equal(readsBefore + interval, twin.FleetReads);            // one grain read per interval
            Assert.All(messages, m => Assert.Same(messages[0], m));          // one serialisation, shared
            Assert.Contains($"\"simulatedTime_s\":{twin.FleetReads}", messages[0]);
        }
        foreach (var v in views) v.Dispose();
        Assert.Equal(0, hub.Views);
        await hub.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_view_opened_on_a_watched_topic_gets_its_latest_message_at_once_without_a_read()
    {
        var twin = new CountingTwin();
        var time = new FakeTimeProvider();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ViewHub.IntervalKey] = "1000" }).Build();
        using var hub = new ViewHub(new DashboardData(twin), config, NullLogger<ViewHub>.Instance, time);
        await hub.StartAsync(CancellationToken.None);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // hang guard only

        var first = hub.Subscribe("fleet/f");
        var served = await first.Messages.ReadAsync(guard.Token);
        time.Advance(hub.Interval);
        served = await first.Messages.ReadAsync(guard.Token); // the interval's message
        var reads = twin.FleetReads;

        // Another page opens the same fleet: the message it needs was already read and serialised.
        using (var second = hub.Subscribe("fleet/f"))
        {
            Assert.True(second.Messages.TryRead(out var message), "a new view of a watched topic is served in Subscribe itself");
            Assert.Same(served, message);
        }
        // The page is closed and reopened (a reload): the topic stays warm, read once per interval meanwhile,
        // and the reopened page gets that interval's message without a read of its own.
        first.Dispose();
        time.Advance(hub.Interval);
        var expected = $"\"simulatedTime_s\":{reads + 1}";
        string fresh;
        do
        {
            using var reopened = hub.Subscribe("fleet/f");
            Assert.True(reopened.Messages.TryRead(out fresh!), "a warm topic serves a new view in Subscribe itself");
            if (!fresh.Contains(expected, StringComparison.Ordinal)) await Task.Delay(10, guard.Token); // the hub's tick is still on its way
        } while (!fresh.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(reads + 1, twin.FleetReads);
        await hub.StopAsync(CancellationToken.None);
    }

    /// <summary>A fleet whose clock is the number of times it was read.</summary>
    private sealed class CountingTwin : ILiveTwin
    {
        private int _reads;
        public int FleetReads => Volatile.Read(ref _reads);

        public Task<FleetView?> FleetAsync(string id, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _reads);
            var summary = new FleetSummary(id, "f", 1, new Dictionary<string, long> { ["cycling"] = 1 }, new Dictionary<string, long>(), n, 1, false, false, 0);
            var empty = new CycleBands([], [], [], []);
            return Task.FromResult<FleetView?>(new FleetView(summary, empty, empty, empty, new ShortSeries([], []), []));
        }

        public Task<IReadOnlyList<FleetSummary>> FleetsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<FleetSummary>>([]);
        public Task<CellView?> CellAsync(string fleet, long index, CancellationToken ct) => Task.FromResult<CellView?>(null);
        public Task<ChannelsView> ChannelsAsync(CancellationToken ct) => Task.FromResult(new ChannelsView(false, []));
        public Task<string> ChannelFaultAsync(string channel, string? fault, CancellationToken ct) => Task.FromResult("");
    }
}
