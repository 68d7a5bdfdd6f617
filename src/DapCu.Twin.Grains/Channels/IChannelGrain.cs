namespace DapCu.Twin.Grains.Channels;

/// <summary>One emulated cycler channel (key: "&lt;emulator&gt;/&lt;channel index&gt;"). Calls are serialized.</summary>
public interface IChannelGrain : IGrainWithStringKey
{
    Task<ChannelReply> Execute(string dialect, string message);
    Task<string> InjectFault(string fault);
    Task Note(string kind, string detail);
    Task<ChannelLogLine[]> GetLog();
}
