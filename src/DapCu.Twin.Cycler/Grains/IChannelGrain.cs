namespace DapCu.Twin.Cycler.Grains;

/// <summary>One emulated cycler channel (key: "&lt;emulator id&gt;/&lt;channel index&gt;"). Calls are serialized, so a
/// client's commands, a dashboard's fault injection and the read model never interleave.</summary>
public interface IChannelGrain : IGrainWithStringKey
{
    Task<ChannelReply> Execute(string dialect, string message);
    Task<string> InjectFault(string fault);
    Task Note(string kind, string detail);
    Task<ChannelLogLine[]> GetLog();
    /// <summary>What a dashboard shows: last reading, last client commands, active faults.</summary>
    Task<ChannelView> GetView();
}
