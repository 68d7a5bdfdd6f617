using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Grains.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Host;

/// <summary>
/// Builds the <c>dapcu serve</c> process: one ASP.NET Core application hosting the Orleans silo and the
/// HTTP API. Configuration comes from appsettings.json, environment variables (<c>DAPCU_Serve__HttpPort</c>
/// ...), the command line and <paramref name="overrides"/>, later ones winning. Other parts plug in here:
/// a cluster mode (<see cref="ClusterModes"/>, chosen by <c>Cluster:Mode</c>), silo settings
/// (<see cref="ConfigureSilo"/>), services and endpoints (<see cref="ConfigureServices"/>, <see cref="ConfigureApp"/>).
/// </summary>
public sealed class TwinHostBuilder
{
    /// <summary>Clustering + grain storage (named <see cref="EmbeddedSiloExtensions.StorageName"/>) + reminders per
    /// <c>Cluster:Mode</c>. "embedded" (default): one process, nothing outside it.</summary>
    public static Dictionary<string, Action<ISiloBuilder, IConfiguration>> ClusterModes { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["embedded"] = (silo, _) => silo.UseDapCuEmbeddedCluster(),
    };

    private readonly List<Action<ISiloBuilder, IConfiguration>> _silo = [];
    private readonly List<Action<WebApplication>> _app = [];

    private TwinHostBuilder(WebApplicationBuilder web) => Web = web;

    public WebApplicationBuilder Web { get; }
    public IConfiguration Configuration => Web.Configuration;

    public static TwinHostBuilder Create(string[] args, IReadOnlyDictionary<string, string?>? overrides = null, string? settingsFile = null)
    {
        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        if (settingsFile is not null)
        {
            if (!File.Exists(settingsFile)) throw new ServeConfigurationException($"--settings: no file '{settingsFile}'");
            web.Configuration.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }
        web.Configuration.AddEnvironmentVariables("DAPCU_");
        if (args.Length > 0) web.Configuration.AddCommandLine(args);
        if (overrides is not null) web.Configuration.AddInMemoryCollection(overrides);
        return new TwinHostBuilder(web);
    }

    public TwinHostBuilder ConfigureSilo(Action<ISiloBuilder, IConfiguration> configure) { _silo.Add(configure); return this; }

    public TwinHostBuilder ConfigureServices(Action<IServiceCollection, IConfiguration> configure) { configure(Web.Services, Web.Configuration); return this; }

    public TwinHostBuilder ConfigureApp(Action<WebApplication> configure) { _app.Add(configure); return this; }

    public ServeOptions Serve => Web.Configuration.GetSection(ServeOptions.Section).Get<ServeOptions>() ?? new ServeOptions();

    public WebApplication Build()
    {
        var serve = Serve;
        serve.Validate();
        var config = Web.Configuration;
        var mode = config["Cluster:Mode"] ?? "embedded";
        if (!ClusterModes.TryGetValue(mode, out var cluster))
            throw new ServeConfigurationException($"Cluster:Mode: expected one of {string.Join(", ", ClusterModes.Keys)}, got '{mode}'");

        Web.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning).AddDapCuLogFilters()
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        Web.Services.Configure<LiveOptions>(config.GetSection(LiveOptions.Section));
        Web.UseOrleans(silo =>
        {
            cluster(silo, config);
            silo.AddDapCuSiloDefaults();
            foreach (var configure in _silo) configure(silo, config);
        });
        Web.WebHost.UseUrls($"http://{(serve.Address.Contains(':') ? $"[{serve.Address}]" : serve.Address)}:{serve.HttpPort}");
        Web.Services.AddOpenApi();
        Web.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });

        var app = Web.Build();
        app.UseDapCuApiToken(serve);
        app.MapOpenApi();
        app.MapDapCuApi();
        foreach (var configure in _app) configure(app);
        return app;
    }

    /// <summary>The URLs the started server listens on (port 0 resolved).</summary>
    public static IReadOnlyList<string> BoundUrls(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>Runs <c>dapcu serve</c> until <paramref name="ct"/> fires (Ctrl-C): writes the URL to Serve:UrlsFile and then
    /// prints "Now listening on: URL" once the API is up.</summary>
    public async Task<int> RunAsync(TextWriter output, CancellationToken ct)
    {
        var serve = Serve;
        await using var app = Build();
        await app.StartAsync(ct);
        var urls = BoundUrls(app);
        // The file first, whole (written aside, then moved): whoever sees the line below finds it complete.
        if (serve.UrlsFile is { } file)
        {
            var partial = file + ".partial";
            await File.WriteAllLinesAsync(partial, urls, CancellationToken.None);
            File.Move(partial, file, overwrite: true);
        }
        foreach (var url in urls) output.WriteLine($"Now listening on: {url}");
        output.Flush();
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { }
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(stopping.Token);
        return 0;
    }
}
