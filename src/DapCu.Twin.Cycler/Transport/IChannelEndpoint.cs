using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Grains;

namespace DapCu.Twin.Cycler.Transport;

/// <summary>How the network side reaches a channel: through its grain, or in-process for tests and tools.</summary>
public interface IChannelEndpoint
{
    Task<ChannelReply> ExecuteAsync(string dialect, string message);
    Task<string> InjectFaultAsync(string fault);
    Task NoteAsync(string kind, string detail);
    Task<ChannelLogLine[]> GetLogAsync();
    Task<ChannelView> GetViewAsync();
}

/// <summary>A channel's grain as an endpoint.</summary>
public sealed class GrainChannelEndpoint(IChannelGrain grain) : IChannelEndpoint
{
    public Task<ChannelReply> ExecuteAsync(string dialect, string message) => grain.Execute(dialect, message);
    public Task<string> InjectFaultAsync(string fault) => grain.InjectFault(fault);
    public Task NoteAsync(string kind, string detail) => grain.Note(kind, detail);
    public Task<ChannelLogLine[]> GetLogAsync() => grain.GetLog();
    public Task<ChannelView> GetViewAsync() => grain.GetView();
}

/// <summary>A device called directly, serialized by a lock: the same guarantees as a grain, without a silo.</summary>
public sealed class LocalChannelEndpoint(EmulatedChannelDevice device) : IChannelEndpoint
{
    private readonly object _gate = new();

    public Task<ChannelReply> ExecuteAsync(string dialect, string message)
    {
        lock (_gate) return Task.FromResult(device.Execute(dialect, message));
    }

    public Task<string> InjectFaultAsync(string fault)
    {
        lock (_gate) return Task.FromResult(device.InjectFault(fault));
    }

    public Task NoteAsync(string kind, string detail)
    {
        lock (_gate) device.Note(kind, detail);
        return Task.CompletedTask;
    }

    public Task<ChannelLogLine[]> GetLogAsync()
    {
        lock (_gate) return Task.FromResult(device.Log().ToArray());
    }

    public Task<ChannelView> GetViewAsync()
    {
        lock (_gate) return Task.FromResult(device.View());
    }
}
