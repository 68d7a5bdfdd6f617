using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;

namespace DapCu.Twin.Grains.Hosting.Cluster;

/// <summary>
/// The silo side of <c>dapcu serve</c>: clustering, grain storage and reminders chosen by the <c>Cluster</c>
/// configuration section. Embedded: localhost clustering, memory storage and reminders. Redis: Orleans' own Redis
/// providers (membership, grain state, reminders, optionally the grain directory); membership is never ours.
/// </summary>
public static class ClusterSiloExtensions
{
    /// <summary>Configures <paramref name="silo"/> from <paramref name="configuration"/> and returns the settings
    /// used (ports resolved), so the caller can report them.</summary>
    public static ClusterSettings UseDapCuCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = ClusterSettings.Read(configuration);
        silo.UseDapCuCluster(settings);
        return settings;
    }

    public static ISiloBuilder UseDapCuCluster(this ISiloBuilder silo, ClusterSettings settings)
    {
        var embedded = settings.Mode == ClusterMode.Embedded;
        var listen = settings.ListenIp() ?? (embedded ? IPAddress.Loopback : IPAddress.Any);
        var advertised = settings.AdvertisedIp() ?? (embedded ? IPAddress.Loopback : null);
        // Orleans needs the silo port before it binds (it is part of the silo's identity in the membership table),
        // so "any free port" is chosen here, in the process that then binds it.
        if (settings.SiloPort is null or 0)
            settings.SiloPort = embedded || settings.SiloPort == 0 ? FreePort(listen) : 11111;
        if (settings.GatewayPort == 0) settings.GatewayPort = FreePort(listen);
        int siloPort = settings.SiloPort.Value, gatewayPort = settings.GatewayPort ?? 0;

        silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (settings.ServiceId, settings.ClusterId));
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
            if (advertised is not null) o.AdvertisedIPAddress = advertised;
            // Under Kubernetes the hosting package binds to any address and advertises the pod IP.
            if (!settings.Kubernetes)
            {
                o.SiloListeningEndpoint = new IPEndPoint(listen, siloPort);
                o.GatewayListeningEndpoint = gatewayPort > 0 ? new IPEndPoint(listen, gatewayPort) : null;
            }
        });
        silo.Configure<ClusterMembershipOptions>(settings.Membership.ApplyTo);
        if (!string.IsNullOrWhiteSpace(settings.SiloName))
            silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);

        if (embedded)
        {
            silo.UseDevelopmentClustering(new IPEndPoint(advertised!, siloPort));
            silo.AddMemoryGrainStorage(EmbeddedSiloExtensions.StorageName);
            silo.UseInMemoryReminderService();
            return silo;
        }

        var redis = settings.RedisOptions();
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
        silo.AddRedisGrainStorage(EmbeddedSiloExtensions.StorageName, options => options.Configure<Orleans.Serialization.Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = redis;
            // Orleans' binary serializer: grain state types are [GenerateSerializer] and version-tolerant by id,
            // where the default JSON serializer keys on CLR type names.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);
        if (settings.RedisGrainDirectory)
            silo.UseRedisGrainDirectoryAsDefault(o => o.ConfigurationOptions = redis);
        if (settings.Kubernetes)
            silo.UseKubernetesHosting();
        return silo;
    }

    /// <summary>A port the OS reports free on <paramref name="address"/> now; the silo binds it moments later in
    /// this same process.</summary>
    private static int FreePort(IPAddress address)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
