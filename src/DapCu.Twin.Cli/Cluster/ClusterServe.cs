using DapCu.Twin.Grains.Hosting.Cluster;
using DapCu.Twin.Cli.Commands;
using DapCu.Twin.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>
/// Plugs cluster mode into <c>dapcu serve</c>: <c>Cluster:Mode=Redis</c> selects Orleans' Redis providers
/// (<see cref="ClusterSiloExtensions.UseDapCuCluster(ISiloBuilder, Microsoft.Extensions.Configuration.IConfiguration)"/>),
/// and once started the server prints the silo's address and cluster, as it prints its HTTP URL.
/// </summary>
public static class ClusterServe
{
    public static void Register()
    {
        TwinHostBuilder.ClusterModes[nameof(ClusterMode.Redis)] = (silo, configuration) =>
        {
            try
            {
                silo.UseDapCuCluster(configuration);
            }
            catch (ClusterConfigurationException e)
            {
                // serve prints configuration errors as one line naming the key, never a stack trace.
                throw new ServeConfigurationException(e.Message);
            }
        };
        ServeCommand.Plugins.Add(builder => builder.ConfigureApp(app =>
        {
            if (!string.Equals(builder.Configuration["Cluster:Mode"], nameof(ClusterMode.Redis), StringComparison.OrdinalIgnoreCase)) return;
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var silo = app.Services.GetRequiredService<ILocalSiloDetails>();
                Console.Out.WriteLine($"Silo {silo.Name} at {silo.SiloAddress.Endpoint} joined cluster {silo.ClusterId} on Redis {builder.Configuration["Cluster:Redis"]}");
                Console.Out.Flush();
            });
        }));
    }
}
