using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Hosting.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Cluster.Tests;

/// <summary>Without a Cluster section a silo needs nothing outside its process and reports the port it took.</summary>
public class EmbeddedModeTests
{
    [Fact]
    public async Task With_no_cluster_configuration_a_silo_runs_alone_on_a_loopback_port_it_chose()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        ClusterSettings? settings = null;
        builder.UseOrleans(silo => settings = silo.UseDapCuCluster(builder.Configuration));
        using var host = builder.Build();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.StartAsync(hangGuard.Token);
        try
        {
            Assert.Equal(ClusterMode.Embedded, settings!.Mode);
            var details = host.Services.GetRequiredService<ILocalSiloDetails>();
            Assert.Equal(settings.SiloPort, details.SiloAddress.Endpoint.Port);
            Assert.True(System.Net.IPAddress.IsLoopback(details.SiloAddress.Endpoint.Address));

            var cell = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICellGrain>("embedded");
            await cell.Configure(new CellSetup("""
                name: e
                cells: [ { label: DAP, design: dap-lfp } ]
                protocol: |
                  Rest for 1 h
                """, "e.yaml", "DAP", [], 1));
            await cell.Advance(-1.0, 600);
            Assert.Equal(600.0, await cell.Time_s());
        }
        finally
        {
            await host.StopAsync(hangGuard.Token);
        }
    }
}
