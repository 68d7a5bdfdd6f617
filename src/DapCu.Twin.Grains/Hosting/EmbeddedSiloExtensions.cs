using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DapCu.Twin.Grains.Hosting;

/// <summary>
/// The in-process silo every <c>dapcu</c> command uses by default: localhost clustering on ports the OS
/// hands out (so several dapcu processes run side by side), a cluster id of its own per process,
/// memory grain storage and in-memory reminders. Nothing outside the process is needed.
/// The pieces are public so <c>dapcu serve</c> can swap the clustering and storage for a cluster's.
/// </summary>
public static class EmbeddedSiloExtensions
{
    /// <summary>Name of the grain storage provider cell and fleet grains persist to.</summary>
    public const string StorageName = "dapcu";

    public static IHostApplicationBuilder UseDapCuEmbeddedSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseDapCuEmbeddedCluster();
            silo.AddDapCuSiloDefaults();
            configure?.Invoke(silo);
        });
        builder.Logging.AddDapCuLogFilters();
        return builder;
    }

    /// <summary>Localhost clustering on free ports, memory grain storage (<see cref="StorageName"/>) and in-memory reminders.</summary>
    public static ISiloBuilder UseDapCuEmbeddedCluster(this ISiloBuilder silo)
    {
        int siloPort = FreeTcpPort(), gatewayPort = FreeTcpPort();
        silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "dapcu", clusterId: $"dapcu-{Environment.ProcessId}-{siloPort}");
        // Orleans' binary serializer, not the default JSON: a CellGrain's checkpoint costs a few microseconds instead of tens.
        silo.AddMemoryGrainStorage(StorageName, (OptionsBuilder<MemoryGrainStorageOptions> options) =>
            options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
        // Live fleets keep themselves alive with a reminder (in memory here; a cluster swaps in a durable one).
        silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>Settings every dapcu silo shares, whatever its clustering.</summary>
    public static ISiloBuilder AddDapCuSiloDefaults(this ISiloBuilder silo)
    {
        // One cell's protocol is a single call: a 4000 h run under full load takes tens of seconds.
        silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
        // Activations are light (a live shard builds its cells after activating), but on a box whose cores are
        // shared the silo's scheduler can stall for tens of seconds; the 30 s default then cancels activations.
        silo.Configure<Orleans.Configuration.GrainCollectionOptions>(o => o.ActivationTimeout = TimeSpan.FromMinutes(2));
        return silo;
    }

    public static ILoggingBuilder AddDapCuLogFilters(this ILoggingBuilder logging) =>
        // Orleans' info logging would drown the CLI's own output; warnings and errors still show.
        logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning)
            // Advice meant for server deployments (ServerGC, watchdog stalls while a CLI run keeps both cores busy).
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Scheduler", LogLevel.Error)
            // Whole cell runs are seconds of CPU on both cores: the health monitor's stall warnings are expected.
            .AddFilter("Orleans.Runtime.MembershipService.LocalSiloHealthMonitor", LogLevel.Error);

    /// <summary>A port that was free a moment ago (bind to port 0, read it, release it).</summary>
    public static int FreeTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
