using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>An Orleans client of a Redis cluster (it finds the silos' gateways in the membership table), for
/// harnesses that watch the cluster from outside: placement through the management grain, grain calls.</summary>
public sealed class ClusterClientConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClientConnection> ConnectAsync(string redis, string serviceId, string clusterId, CancellationToken ct)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        var options = StackExchange.Redis.ConfigurationOptions.Parse(redis);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = options);
            client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (serviceId, clusterId));
            // Learn of a dead silo's gateway quickly: the harness measures failover from the client's side.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            // Starting a large fleet is one call that builds every shard's cells: a hang guard, not a figure.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
        });
        var host = builder.Build();
        await host.StartAsync(ct);
        return new ClusterClientConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _host.StopAsync(hangGuard.Token); }
        catch (OperationCanceledException) { }
        _host.Dispose();
    }
}
