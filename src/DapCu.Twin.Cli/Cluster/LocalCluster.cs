using System.Diagnostics;
using StackExchange.Redis;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>
/// A cluster on this machine: our own redis-server, N <c>dapcu serve</c> silo processes on it, and an Orleans
/// client watching from outside. Every wait is on an event (a membership row, an answer) with a hang guard.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redisClient;

    private LocalCluster(LocalRedis redis, ConnectionMultiplexer redisClient, string clusterId, List<SiloProcess> silos)
        => (Redis, _redisClient, ClusterId, Silos) = (redis, redisClient, clusterId, silos);

    public LocalRedis Redis { get; }
    public string ClusterId { get; }
    public List<SiloProcess> Silos { get; }
    public ClusterClientConnection? Connection { get; private set; }
    public IClusterClient Client => (Connection ?? throw new InvalidOperationException("not connected")).Client;

    public static async Task<LocalCluster> StartAsync(int silos, string dataDir, IReadOnlyDictionary<string, string> configuration,
        IEnumerable<string> serveArgs, TimeSpan hangGuard, CancellationToken ct)
    {
        var redis = LocalRedis.Start(dataDir);
        var clusterId = $"dapcu-{Guid.NewGuid():N}"[..16];
        var cluster = new LocalCluster(redis, redis.Connect(), clusterId, []);
        try
        {
            var args = serveArgs.ToArray();
            for (int i = 1; i <= silos; i++)
                cluster.Silos.Add(SiloProcess.Start($"silo-{i}", redis, clusterId, configuration, args, dataDir));
            await cluster.WaitUntilAsync(async () =>
            {
                var rows = await cluster.MembersAsync();
                return cluster.Silos.All(s => rows.Any(r => r.SiloName == s.Name && r.Status == MemberRow.Active));
            }, hangGuard, "every silo active in the membership table", ct);
            cluster.Connection = await ClusterClientConnection.ConnectAsync(redis.ConnectionString, clusterId, clusterId, ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Task<IReadOnlyList<MemberRow>> MembersAsync() => ClusterMembership.ReadAsync(_redisClient.GetDatabase(), ClusterId, ClusterId);

    /// <summary>The membership row of a silo process (its latest generation).</summary>
    public async Task<MemberRow?> RowOfAsync(SiloProcess silo) =>
        (await MembersAsync()).Where(r => r.SiloName == silo.Name).MaxBy(r => r.StartTime);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws with what was awaited (and the silos'
    /// output) when the hang guard runs out or every silo has exited.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan hangGuard, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < hangGuard)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The cluster is mid-failover: calls may fail until the dead silo is declared dead.
            }
            if (Silos.Count > 0 && Silos.All(s => s.HasExited)) break;
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"waited {hangGuard.TotalSeconds:F0} s for {what}; silo output:\n" +
            string.Join("\n", Silos.Select(s => $"--- {s.Name} (exited: {s.HasExited})\n{Tail(s.Output)}")));
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null) await Connection.DisposeAsync();
        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
        _redisClient.Dispose();
        Redis.Dispose();
    }
}
