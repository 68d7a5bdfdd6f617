using DapCu.Twin.Cli.Cluster;
using DapCu.Twin.Grains.Hosting.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Cluster.Tests;

/// <summary>A silo in this process configured only through the <c>Cluster</c> keys, as <c>dapcu serve</c> reads them.</summary>
internal sealed class RedisSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private RedisSilo(IHost host, ClusterSettings settings) => (_host, Settings) = (host, settings);

    public ClusterSettings Settings { get; }
    public IGrainFactory Grains => (IGrainFactory)_host.Services.GetService(typeof(IGrainFactory))!;

    public static async Task<RedisSilo> StartAsync(LocalRedis redis, string clusterId, string siloName)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Redis",
            ["Cluster:Redis"] = redis.ConnectionString,
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:ServiceId"] = clusterId,
            ["Cluster:SiloPort"] = "0",
            ["Cluster:SiloName"] = siloName,
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Cluster:ListenAddress"] = "127.0.0.1",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ClusterSettings? settings = null;
        builder.UseOrleans(silo => settings = silo.UseDapCuCluster(builder.Configuration));
        var host = builder.Build();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.StartAsync(hangGuard.Token);
        return new RedisSilo(host, settings!);
    }

    public async ValueTask DisposeAsync()
    {
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _host.StopAsync(hangGuard.Token);
        _host.Dispose();
    }
}
