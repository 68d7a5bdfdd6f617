using System.Globalization;
using DapCu.Twin.Cli.Commands;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Hosting;
using DapCu.Twin.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DapCu.Twin.Cli;

/// <summary>
/// <c>dapcu serve --set Emulator:Channels=8</c>: the Keithley 2400 (SCPI) emulator runs inside the server, its channels
/// shown and fault-injected from the dashboard and counted in /metrics. Keys (section <c>Emulator</c>):
/// <c>Channels</c> (0 = off, default), <c>Cell</c> (design or scenario file, default dap-half), <c>Port</c> (first
/// SCPI port, default 5025; 0 = free ports), <c>TimeScale</c> (virtual s per wall s, default 60).
/// </summary>
public static class EmulatorPlugin
{
    public const string Section = "Emulator";

    public static void Configure(TwinHostBuilder server) => server.ConfigureServices((services, config) =>
    {
        var section = config.GetSection(Section);
        var channels = Number(section, "Channels", 0);
        if (channels == 0) return;
        var timeScale = Number(section, "TimeScale", 60.0);
        var port = Number(section, "Port", 5025);
        if (channels is < 0 or > 4096) throw new ServeConfigurationException($"{Section}:Channels: expected 0 to 4096, got {channels}");
        if (!(timeScale > 0)) throw new ServeConfigurationException($"{Section}:TimeScale: expected a positive factor, got {timeScale}");
        if (port is < 0 or > 65535) throw new ServeConfigurationException($"{Section}:Port: expected 0 to 65535, got {port}");
        var options = new EmulatorHostOptions(
            new EmulatorOptions(EmulateCommand.CellFactory ?? throw new InvalidOperationException("no virtual-cell factory registered (Program.cs sets EmulateCommand.CellFactory)"), section["Cell"] ?? "dap-half", channels, timeScale), Port: port);
        // The channel grains live in this server's own silo (and cluster), next to the live fleets.
        services.AddDapCuEmulator(options);
    });

    private static T Number<T>(IConfigurationSection section, string key, T fallback) where T : IParsable<T>
    {
        var text = section[key];
        if (text is null) return fallback;
        return T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ServeConfigurationException($"{Section}:{key}: expected a number, got '{text}'");
    }
}
