using System.Net;
using System.Net.Sockets;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Grains;
using DapCu.Twin.Cycler.MacNet;
using DapCu.Twin.Cycler.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Cycler.Hosting;

public enum DialectKind { Scpi, MacNet }

/// <summary>Where and how an emulator serves.</summary>
/// <param name="Port">SCPI: channel i on Port+i (default 5025). MacNet: the JSON port (default 57570, Maccor's
/// MacNet_JSON_Port). 0 = a port the OS picks for every listener (read them back from <see cref="CyclerEmulator.Ports"/>).</param>
/// <param name="BinaryPort">MacNet binary (TCP) port; default 57560 (Maccor's MacNet_TCP_Port), 0 when Port is 0.</param>
/// <param name="ControlPort">Control port for live fault injection (null: none, 0: any free port).</param>
/// <param name="UseOrleans">Channels as ChannelGrains on an in-process silo; false = in-process endpoints.</param>
public sealed record EmulatorHostOptions(
    EmulatorOptions Emulator,
    DialectKind Dialect = DialectKind.Scpi,
    int? Port = null,
    int? ControlPort = null,
    IPAddress? Bind = null,
    bool UseOrleans = true,
    int? BinaryPort = null)
{
    public const int DefaultScpiPort = 5025, DefaultMacNetJsonPort = 57570, DefaultMacNetBinaryPort = 57560;

    public int FirstPort => Port ?? (Dialect == DialectKind.Scpi ? DefaultScpiPort : DefaultMacNetJsonPort);
    public int MacNetBinaryPort => BinaryPort ?? (FirstPort == 0 ? 0 : DefaultMacNetBinaryPort);
}

/// <summary>
/// A running emulator: N channels behind the chosen dialect's TCP ports, each channel a ChannelGrain. Either on a
/// private in-process silo (its own ports and cluster id, so emulators run side by side) or, through
/// <see cref="EmulatorHostingExtensions.AddDapCuEmulator(IServiceCollection, EmulatorHostOptions)"/>, on the silo
/// of the host it runs in (`dapcu serve`), next to live fleets.
/// </summary>
public sealed class CyclerEmulator : IAsyncDisposable, IEmulatorReadModel
{
    private readonly List<EmulatorListener> _listeners = new();
    private IHost? _silo;
    private EmulatorRegistry? _registeredIn;

    private CyclerEmulator(string id, ChannelDeviceRegistry registry, IReadOnlyList<IChannelEndpoint> channels)
    {
        Id = id;
        Registry = registry;
        Channels = channels;
    }

    /// <summary>The emulator's id: the first part of its channel grains' keys.</summary>
    public string Id { get; }
    public ChannelDeviceRegistry Registry { get; }
    public IReadOnlyList<IChannelEndpoint> Channels { get; }
    /// <summary>Data ports in order: SCPI channel 0..N-1, or MacNet JSON then binary.</summary>
    public IReadOnlyList<int> Ports => _listeners.Where(l => l.Description != "control").Select(l => l.Port).ToList();
    public int? ControlPort { get; private set; }
    public DialectKind Dialect { get; private set; }

    /// <summary>Starts an emulator on its own private silo (or without one when UseOrleans is false).</summary>
    public static async Task<CyclerEmulator> StartAsync(EmulatorHostOptions o, CancellationToken ct = default)
    {
        Validate(o);
        var registry = new EmulatorRegistry();
        IHost? silo = o.UseOrleans ? await StartSiloAsync(registry, ct) : null;
        try
        {
            var emulator = Create(o, registry, silo?.Services.GetRequiredService<IGrainFactory>());
            emulator._silo = silo;
            await emulator.ListenAsync(o);
            return emulator;
        }
        catch
        {
            if (silo is not null) await StopSiloAsync(silo);
            throw;
        }
    }

    /// <summary>Starts an emulator whose channel grains live on a silo the caller runs (its services must hold
    /// the same <paramref name="registry"/>, as AddDapCuEmulator arranges).</summary>
    public static async Task<CyclerEmulator> StartInHostAsync(EmulatorHostOptions o, IGrainFactory grains, EmulatorRegistry registry)
    {
        Validate(o);
        var emulator = Create(o, registry, grains);
        await emulator.ListenAsync(o);
        return emulator;
    }

    private static void Validate(EmulatorHostOptions o)
    {
        var n = o.Emulator.Channels;
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(o), n, "--channels must be at least 1");
        int span = o.Dialect == DialectKind.Scpi ? n : 1;
        if (o.FirstPort is < 0 or > 65535 || (o.FirstPort > 0 && o.FirstPort + span - 1 > 65535))
            throw new ArgumentOutOfRangeException(nameof(o), o.FirstPort, $"--port {o.FirstPort} with {n} channels runs past port 65535");
    }

    private static CyclerEmulator Create(EmulatorHostOptions o, EmulatorRegistry registry, IGrainFactory? grains)
    {
        var n = o.Emulator.Channels;
        var channels = new ChannelDeviceRegistry(o.Emulator);
        string id = $"emulator-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32];
        registry.Add(id, channels);
        IReadOnlyList<IChannelEndpoint> endpoints = grains is not null
            ? Enumerable.Range(0, n).Select(i => (IChannelEndpoint)new GrainChannelEndpoint(grains.GetGrain<IChannelGrain>($"{id}/{i}"))).ToList()
            : Enumerable.Range(0, n).Select(i => (IChannelEndpoint)new LocalChannelEndpoint(channels.Get(i))).ToList();
        return new CyclerEmulator(id, channels, endpoints) { _registeredIn = registry, Dialect = o.Dialect };
    }

    private async Task ListenAsync(EmulatorHostOptions o)
    {
        try
        {
            var bind = o.Bind ?? IPAddress.Loopback;
            int first = o.FirstPort;
            int Port(int offset) => first == 0 ? 0 : first + offset;
            if (o.Dialect == DialectKind.Scpi)
                for (int i = 0; i < Channels.Count; i++)
                    Listen(bind, Port(i), new ScpiDialect(), new ListenerContext(Channels, i));
            else
            {
                Listen(bind, Port(0), new MacNetDialect(), new ListenerContext(Channels, null));
                Listen(bind, o.MacNetBinaryPort, new MacNetBinaryDialect(), new ListenerContext(Channels, null));
            }
            if (o.ControlPort is { } cp)
                ControlPort = Listen(bind, cp, new ControlProtocol(), new ListenerContext(Channels, null), control: true);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private int Listen(IPAddress bind, int port, IDialect dialect, ListenerContext context, bool control = false)
    {
        var l = new EmulatorListener(bind, port, dialect, context, control ? "control" : null);
        l.Start();
        _listeners.Add(l);
        return l.Port;
    }

    private static async Task<IHost> StartSiloAsync(EmulatorRegistry registry, CancellationToken ct)
    {
        // The silo's own two ports are picked free just before use; if another process takes one in between,
        // the start fails and is tried again on new ports.
        for (int attempt = 1; ; attempt++)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(registry);
            builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "dapcu-emulate",
                clusterId: $"emulator-{Environment.ProcessId}-{Guid.NewGuid():N}"));
            var host = builder.Build();
            try
            {
                await host.StartAsync(ct);
                return host;
            }
            catch (Exception e) when (attempt < 5 && e is not OperationCanceledException)
            {
                host.Dispose();
            }
        }
    }

    /// <summary>A port nobody is using right now (bind to 0, read it back, release it).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }

    // --- read model ---------------------------------------------------------------------------------------
    public int ChannelCount => Channels.Count;

    public Task<ChannelView> ViewAsync(int channel) => Endpoint(channel).GetViewAsync();

    public async Task<ChannelView[]> ViewsAsync() => await Task.WhenAll(Channels.Select(c => c.GetViewAsync()));

    public Task<string> InjectFaultAsync(int channel, string fault) => Endpoint(channel).InjectFaultAsync(fault);

    public Task<string> ClearFaultAsync(int channel, string? kind = null) =>
        Endpoint(channel).InjectFaultAsync(kind is null ? "clear" : $"clear {kind}");

    public Task<ChannelLogLine[]> LogAsync(int channel) => Endpoint(channel).GetLogAsync();

    private IChannelEndpoint Endpoint(int channel) =>
        channel >= 0 && channel < Channels.Count
            ? Channels[channel]
            : throw new ArgumentOutOfRangeException(nameof(channel), channel, $"channel {channel} does not exist (0..{Channels.Count - 1})");

    public async ValueTask DisposeAsync()
    {
        foreach (var l in _listeners) await l.DisposeAsync();
        _listeners.Clear();
        _registeredIn?.Remove(Id);
        _registeredIn = null;
        if (_silo is not null)
        {
            await StopSiloAsync(_silo);
            _silo = null;
        }
    }

    private static async Task StopSiloAsync(IHost silo)
    {
        try { await silo.StopAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
        silo.Dispose();
    }
}
