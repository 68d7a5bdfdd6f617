using DapCu.Twin.Cycler.Hosting;

namespace DapCu.Twin.Cycler.Grains;

/// <summary>
/// Thin owner of one emulated channel: Orleans' single-threaded activation is what keeps a client's commands and a
/// live fault injection from interleaving. The channel itself lives in the host's <see cref="EmulatorRegistry"/>,
/// so a grain that is deactivated and activated again finds its cell where it left it.
/// </summary>
public sealed class ChannelGrain(EmulatorRegistry registry) : Grain, IChannelGrain
{
    private Channels.EmulatedChannelDevice _device = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _device = registry.Device(this.GetPrimaryKeyString());
        // A channel is a piece of hardware: it stays up while the emulator runs, however quiet its client is.
        this.DelayDeactivation(TimeSpan.FromDays(3650));
        return Task.CompletedTask;
    }

    public Task<ChannelReply> Execute(string dialect, string message)
    {
        // The device counts commands, errors and faults per channel (with or without a grain around it).
        var reply = _device.Execute(dialect, message);
        return Task.FromResult(reply);
    }

    public Task<string> InjectFault(string fault)
    {
        return Task.FromResult(_device.InjectFault(fault));
    }

    public Task Note(string kind, string detail)
    {
        _device.Note(kind, detail);
        return Task.CompletedTask;
    }

    public Task<ChannelLogLine[]> GetLog() => Task.FromResult(_device.Log().ToArray());

    public Task<ChannelView> GetView() => Task.FromResult(_device.View());
}
