using System.Collections.Concurrent;
using DapCu.Twin.Cycler.Channels;

namespace DapCu.Twin.Cycler.Hosting;

/// <summary>
/// The emulators a host runs, by id. A <see cref="Grains.ChannelGrain"/> (key "&lt;emulator id&gt;/&lt;channel&gt;")
/// finds its channel here, so several emulators, and live fleets, can share one silo.
/// </summary>
public sealed class EmulatorRegistry
{
    private readonly ConcurrentDictionary<string, ChannelDeviceRegistry> _emulators = new(StringComparer.Ordinal);

    public void Add(string emulatorId, ChannelDeviceRegistry channels)
    {
        if (!_emulators.TryAdd(emulatorId, channels))
            throw new InvalidOperationException($"an emulator with id '{emulatorId}' is already registered");
    }

    public void Remove(string emulatorId) => _emulators.TryRemove(emulatorId, out _);

    public IReadOnlyCollection<string> Ids => _emulators.Keys.ToList();

    public EmulatedChannelDevice Device(string channelKey)
    {
        var slash = channelKey.LastIndexOf('/');
        if (slash < 0 || !_emulators.TryGetValue(channelKey[..slash], out var channels))
            throw new ArgumentException($"channel key '{channelKey}' names no running emulator (expected '<emulator id>/<channel>')", nameof(channelKey));
        return channels.GetOrCreate(channelKey);
    }
}
