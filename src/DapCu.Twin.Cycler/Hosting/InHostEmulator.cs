using Microsoft.Extensions.Hosting;

namespace DapCu.Twin.Cycler.Hosting;

/// <summary>
/// The cycler emulator inside a long-running host (<c>dapcu serve</c> with <c>Emulator:Channels</c> &gt; 0): started
/// with the host, stopped with it, and readable by the dashboard (channels, ports, devices). Its channel grains run
/// on the emulator's own in-process silo, as in <c>dapcu emulate</c>.
/// </summary>
public sealed class InHostEmulator(EmulatorHostOptions options) : IHostedService
{
    public EmulatorHostOptions Options => options;

    /// <summary>The running emulator (null before the host started it).</summary>
    public CyclerEmulator? Emulator { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken) => Emulator = await CyclerEmulator.StartAsync(options, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Emulator is { } e) await e.DisposeAsync();
        Emulator = null;
    }
}
