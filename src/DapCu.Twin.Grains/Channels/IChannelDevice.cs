namespace DapCu.Twin.Grains.Channels;

/// <summary>
/// The state behind one cycler channel: an instrument model in front of a virtual cell. Synchronous and
/// single-threaded; the <see cref="ChannelGrain"/> that owns it serializes calls. Implemented by the cycler
/// emulation (DapCu.Twin.Cycler), which the grains layer does not reference.
/// </summary>
public interface IChannelDevice
{
    /// <summary>Runs one wire message of a dialect ("scpi", "macnet") on this channel.</summary>
    ChannelReply Execute(string dialect, string message);

    /// <summary>Injects a fault given in its text form (e.g. "short 0.5"); returns what was applied.</summary>
    string InjectFault(string fault);

    /// <summary>Adds a note (client connected, refused...) to the channel log.</summary>
    void Note(string kind, string detail);

    IReadOnlyList<ChannelLogLine> Log();
}

/// <summary>Gives the device for a channel key. Returns the same device for the same key, so a grain that is
/// deactivated and activated again finds its cell where it left it.</summary>
public interface IChannelDeviceFactory
{
    IChannelDevice GetOrCreate(string channelKey);
}
