using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Grains.Hosting;

/// <summary>
/// The in-process silo every <c>dapcu</c> command uses by default: localhost clustering on ports the OS
/// hands out (so several dapcu processes run side by side), a cluster id of its own per process, and
/// memory grain storage. Nothing outside the process is needed.
/// </summary>
public static class EmbeddedSiloExtensions
{
    /// <summary>Name of the grain storage provider cell and fleet grains persist to.</summary>
    public const string StorageName = "dapcu";

    public static IHostApplicationBuilder UseDapCuEmbeddedSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        int siloPort = FreeTcpPort(), gatewayPort = FreeTcpPort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "dapcu", clusterId: $"dapcu-{Environment.ProcessId}-{siloPort}");
            silo.AddMemoryGrainStorage(StorageName);
            // One cell's protocol is a single call: a 4000 h run under full load takes tens of seconds.
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
            configure?.Invoke(silo);
        });
        // Orleans' info logging would drown the CLI's own output; warnings and errors still show.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning)
            // Advice meant for server deployments (ServerGC, watchdog stalls while a CLI run keeps both cores busy).
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Scheduler", LogLevel.Error)
            // Whole cell runs are seconds of CPU on both cores: the health monitor's stall warnings are expected.
            .AddFilter("Orleans.Runtime.MembershipService.LocalSiloHealthMonitor", LogLevel.Error);
        return builder;
    }

    /// <summary>A port that was free a moment ago (bind to port 0, read it, release it).</summary>
    public static int FreeTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
