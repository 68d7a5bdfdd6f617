using System.Net;
using System.Net.Sockets;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.MacNet;
using DapCu.Twin.Cycler.Transport;
using DapCu.Twin.Grains.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapCu.Twin.Cycler.Hosting;

public enum DialectKind { Scpi, MacNet }

/// <summary>Where and how an emulator serves.</summary>
/// <param name="Port">SCPI: channel i on Port+i. MacNet: JSON on Port, binary on Port+1. 0 = any free ports (tests).</param>
/// <param name="ControlPort">Control port for live fault injection (null: none, 0: any free port).</param>
/// <param name="UseOrleans">Channels as ChannelGrains on an in-process silo; false = in-process endpoints.</param>
public sealed record EmulatorHostOptions(
    EmulatorOptions Emulator,
    DialectKind Dialect = DialectKind.Scpi,
    int Port = 5025,
    int? ControlPort = null,
    IPAddress? Bind = null,
    bool UseOrleans = true);

/// <summary>
/// A running emulator: N channels behind the chosen dialect's TCP ports, each channel a ChannelGrain on a private
/// in-process silo (its own free silo/gateway ports and cluster id, so emulators run side by side).
/// </summary>
public sealed class CyclerEmulator : IAsyncDisposable
{
    private readonly List<EmulatorListener> _listeners = new();
    private IHost? _silo;

    private CyclerEmulator(ChannelDeviceRegistry registry, IReadOnlyList<IChannelEndpoint> channels)
    {
        Registry = registry;
        Channels = channels;
    }

    public ChannelDeviceRegistry Registry { get; }
    public IReadOnlyList<IChannelEndpoint> Channels { get; }
    /// <summary>Data ports in order: SCPI channel 0..N-1, or MacNet JSON then binary.</summary>
    public IReadOnlyList<int> Ports => _listeners.Where(l => l.Description != "control").Select(l => l.Port).ToList();
    public int? ControlPort { get; private set; }

    public static async Task<CyclerEmulator> StartAsync(EmulatorHostOptions o, CancellationToken ct = default)
    {
        var n = o.Emulator.Channels;
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(o), n, "--channels must be at least 1");
        if (o.Port is < 0 or > 65535 || (o.Port > 0 && o.Port + n - 1 > 65535))
            throw new ArgumentOutOfRangeException(nameof(o), o.Port, $"--port {o.Port} with {n} channels runs past port 65535");
        var registry = new ChannelDeviceRegistry(o.Emulator);
        IHost? silo = null;
        IReadOnlyList<IChannelEndpoint> channels;
        string emulatorId = $"emulator-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32];
        if (o.UseOrleans)
        {
            silo = await StartSiloAsync(registry, emulatorId, ct);
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            channels = Enumerable.Range(0, n)
                .Select(i => (IChannelEndpoint)new GrainChannelEndpoint(grains.GetGrain<IChannelGrain>($"{emulatorId}/{i}")))
                .ToList();
        }
        else channels = Enumerable.Range(0, n).Select(i => (IChannelEndpoint)new LocalChannelEndpoint(registry.Get(i))).ToList();

        var emulator = new CyclerEmulator(registry, channels) { _silo = silo };
        try
        {
            var bind = o.Bind ?? IPAddress.Loopback;
            int Port(int offset) => o.Port == 0 ? 0 : o.Port + offset;
            if (o.Dialect == DialectKind.Scpi)
                for (int i = 0; i < n; i++)
                    emulator.Listen(bind, Port(i), new ScpiDialect(), new ListenerContext(channels, i));
            else
            {
                emulator.Listen(bind, Port(0), new MacNetDialect(), new ListenerContext(channels, null));
                emulator.Listen(bind, Port(1), new MacNetBinaryDialect(), new ListenerContext(channels, null));
            }
            if (o.ControlPort is { } cp)
                emulator.ControlPort = emulator.Listen(bind, cp, new ControlProtocol(), new ListenerContext(channels, null), control: true);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
        return emulator;
    }

    private int Listen(IPAddress bind, int port, IDialect dialect, ListenerContext context, bool control = false)
    {
        var l = new EmulatorListener(bind, port, dialect, context, control ? "control" : null);
        l.Start();
        _listeners.Add(l);
        return l.Port;
    }

    private static async Task<IHost> StartSiloAsync(ChannelDeviceRegistry registry, string emulatorId, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IChannelDeviceFactory>(registry);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "dapcu-emulate", clusterId: emulatorId);
        });
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    /// <summary>A port nobody is using right now (bind to 0, read it back, release it).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var l in _listeners) await l.DisposeAsync();
        _listeners.Clear();
        if (_silo is not null)
        {
            try { await _silo.StopAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
            _silo.Dispose();
            _silo = null;
        }
    }
}
