using System.Globalization;
using System.Net;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Physics.Cell;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DapCu.Twin.Cycler.Hosting;

/// <summary>
/// Runs an emulator inside another generic host that has an Orleans silo (e.g. `dapcu serve`): the channel grains
/// then live in that silo's cluster, next to live fleets. One line in the host's setup:
/// <code>builder.Services.AddDapCuEmulator(builder.Configuration.GetSection("Emulator"));</code>
/// The host's services then hold an <see cref="IEmulatorReadModel"/> for a dashboard.
/// </summary>
public static class EmulatorHostingExtensions
{
    public static IServiceCollection AddDapCuEmulator(this IServiceCollection services, EmulatorHostOptions options)
    {
        services.TryAddSingleton<EmulatorRegistry>();
        services.AddSingleton(sp => new EmulatorHostedService(options, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<EmulatorRegistry>()));
        services.AddHostedService(sp => sp.GetRequiredService<EmulatorHostedService>());
        services.AddSingleton<IEmulatorReadModel>(sp => sp.GetRequiredService<EmulatorHostedService>());
        return services;
    }

    /// <summary>Options from configuration (keys under the section: Cell, Channels, TimeScale, Dialect, Port,
    /// BinaryPort, ControlPort, Bind, ReadWithOutputOff, Procedures); see the Cycler README.</summary>
    public static IServiceCollection AddDapCuEmulator(this IServiceCollection services, IConfiguration section,
        Func<string, IVirtualCell>? cellFactory = null) =>
        services.AddDapCuEmulator(FromConfiguration(section, cellFactory ?? Scenarios.VirtualCellFactory.Create));

    /// <summary>Reads the options; a bad value throws a FormatException naming its configuration key.</summary>
    public static EmulatorHostOptions FromConfiguration(IConfiguration section, Func<string, IVirtualCell> cellFactory)
    {
        string Key(string k) => section is IConfigurationSection s && s.Path.Length > 0 ? $"{s.Path}:{k}" : k;
        T Get<T>(string key, T fallback, Func<string, (bool, T)> parse, string expected)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            var (ok, value) = parse(text.Trim());
            return ok ? value : throw new FormatException($"configuration key {Key(key)} = '{text}': expected {expected}");
        }
        (bool, int?) Int(string t) => (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0, v);
        var cell = section["Cell"] is { Length: > 0 } c ? c : throw new FormatException($"configuration key {Key("Cell")} is missing: expected a design name (dap-half, pl-half, dap-lfp, dap-s) or a scenario file");
        var channels = Get("Channels", (int?)1, Int, "a channel count >= 1") ?? 1;
        var scale = Get("TimeScale", 1.0, t => (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0, v), "a number > 0");
        var dialect = Get("Dialect", DialectKind.Scpi, t => t.ToLowerInvariant() switch
        {
            "scpi" => (true, DialectKind.Scpi),
            "macnet" => (true, DialectKind.MacNet),
            _ => (false, DialectKind.Scpi),
        }, "scpi or macnet");
        var bind = Get("Bind", IPAddress.Loopback, t => (IPAddress.TryParse(t, out var a), a ?? IPAddress.Loopback), "an IP address");
        bool readOff = Get("ReadWithOutputOff", false, t => (bool.TryParse(t, out var b), b), "true or false");
        var procedures = section["Procedures"];
        return new EmulatorHostOptions(
            new EmulatorOptions(cellFactory, cell, channels, scale, ReadWithOutputOff: readOff, ProceduresFolder: procedures),
            dialect, Get("Port", (int?)null, Int, "a TCP port (0: any free port)"), Get("ControlPort", (int?)null, Int, "a TCP port"),
            bind, UseOrleans: true, BinaryPort: Get("BinaryPort", (int?)null, Int, "a TCP port"));
    }
}

/// <summary>Starts the emulator once the host (and its silo) has started; stops it with the host.</summary>
public sealed class EmulatorHostedService(EmulatorHostOptions options, IGrainFactory grains, EmulatorRegistry registry)
    : IHostedLifecycleService, IEmulatorReadModel
{
    private CyclerEmulator? _emulator;

    /// <summary>What the emulator was started with (dialect, ports, cell).</summary>
    public EmulatorHostOptions Options => options;

    /// <summary>The running emulator (ports, channels); null until the host has started.</summary>
    public CyclerEmulator? Emulator => _emulator;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    // After every hosted service's StartAsync, so the silo accepts grain calls before a client can connect.
    public async Task StartedAsync(CancellationToken cancellationToken) => _emulator = await CyclerEmulator.StartInHostAsync(options, grains, registry);
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
        _emulator = null;
    }
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private CyclerEmulator Running => _emulator ?? throw new InvalidOperationException("the emulator has not started yet (the host is starting or stopped)");
    public int ChannelCount => options.Emulator.Channels;
    public Task<Grains.ChannelView> ViewAsync(int channel) => Running.ViewAsync(channel);
    public Task<Grains.ChannelView[]> ViewsAsync() => Running.ViewsAsync();
    public Task<string> InjectFaultAsync(int channel, string fault) => Running.InjectFaultAsync(channel, fault);
    public Task<string> ClearFaultAsync(int channel, string? kind = null) => Running.ClearFaultAsync(channel, kind);
    public Task<Grains.ChannelLogLine[]> LogAsync(int channel) => Running.LogAsync(channel);
}
