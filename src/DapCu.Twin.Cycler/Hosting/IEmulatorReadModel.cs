using DapCu.Twin.Cycler.Grains;

namespace DapCu.Twin.Cycler.Hosting;

/// <summary>
/// What a web dashboard needs of an emulator: per channel the last reading, the last client commands and the
/// faults in force; and injecting or clearing a fault. Every call goes through the channel's grain, so it is
/// serialized with the client's own commands.
/// </summary>
public interface IEmulatorReadModel
{
    int ChannelCount { get; }
    Task<ChannelView> ViewAsync(int channel);
    Task<ChannelView[]> ViewsAsync();
    /// <summary>A fault in its text form (<see cref="Faults.ChannelFault.UsageText"/>); returns what was applied.
    /// Bad text throws <see cref="FormatException"/> naming the word that is wrong.</summary>
    Task<string> InjectFaultAsync(int channel, string fault);
    /// <summary>Clears one kind of fault ("short", "open", ...) or, with null, all of them.</summary>
    Task<string> ClearFaultAsync(int channel, string? kind = null);
    Task<ChannelLogLine[]> LogAsync(int channel);
}
