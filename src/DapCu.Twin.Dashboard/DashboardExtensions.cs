using DapCu.Twin.Dashboard.Live;
using DapCu.Twin.Grains.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace DapCu.Twin.Dashboard;

/// <summary>
/// What <c>dapcu serve</c> calls to get the live dashboard at <c>/</c>, its push streams under
/// <c>/dashboard/</c> and the Prometheus scrape endpoint <c>/metrics</c>.
/// </summary>
public static class DashboardExtensions
{
    /// <summary>Orleans' own meter (activations, requests, storage latency, membership).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static IServiceCollection AddDapCuDashboard(this IServiceCollection services, Action<DashboardOptions>? configure = null)
    {
        var options = new DashboardOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        _ = TwinTelemetry.Meter; // registers the observable gauges before the first scrape
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("dapcu"))
            .WithMetrics(m => m.AddMeter(TwinTelemetry.Name, OrleansMeter).AddPrometheusExporter());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILiveTwin, GrainLiveTwin>();
        services.AddSingleton<DashboardData>();
        services.AddSingleton<ClientTimings>();
        services.AddSingleton<Paper.PaperRuns>();
        services.AddSingleton<ViewHub>();
        services.AddHostedService(sp => sp.GetRequiredService<ViewHub>());
        return services;
    }

    public static IEndpointRouteBuilder MapDapCuDashboard(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(); // /metrics
        StaticAssets.Map(app);
        DashboardEndpoints.Map(app);
        return app;
    }
}
