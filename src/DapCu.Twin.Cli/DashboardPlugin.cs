using DapCu.Twin.Dashboard;
using DapCu.Twin.Host;

namespace DapCu.Twin.Cli;

/// <summary>Adds the live dashboard (<c>/</c>, <c>/dashboard/</c>) and the Prometheus endpoint (<c>/metrics</c>) to
/// <c>dapcu serve</c>; the dashboard offers the shipped scenarios found from the working directory.</summary>
public static class DashboardPlugin
{
    public static void Configure(TwinHostBuilder server) => server
        .ConfigureServices((services, _) => services.AddDapCuDashboard(o => o.ScenarioFolder = ScenarioFiles.FindShipped()))
        .ConfigureApp(app => app.MapDapCuDashboard());
}
