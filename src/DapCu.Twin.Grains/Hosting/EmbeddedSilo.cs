using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Grains.Hosting;

/// <summary>A started in-process silo and its grain factory, for commands that just need grains.</summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private EmbeddedSilo(IHost host)
    {
        Host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IHost Host { get; }
    public IGrainFactory Grains { get; }

    public static async Task<EmbeddedSilo> StartAsync(CancellationToken ct = default) => await StartAsync(null, ct);

    /// <summary>Starts the silo with extra configuration (options, providers) on top of the embedded defaults.</summary>
    public static async Task<EmbeddedSilo> StartAsync(Action<ISiloBuilder>? configure, CancellationToken ct = default)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.UseDapCuEmbeddedSilo(configure);
        var host = builder.Build();
        await host.StartAsync(ct);
        return new EmbeddedSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
