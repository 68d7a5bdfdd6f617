namespace DapCu.Twin.Cycler.Channels;

/// <summary>One thing that happened on a channel: a fault, a client connecting, an output switching.</summary>
public sealed record ChannelLogEntry(double Time_s, DateTimeOffset WallTime, string Kind, string Detail)
{
    public override string ToString() => $"{Time_s,12:F3} s  {Kind,-10} {Detail}";
}

/// <summary>The channel's event log, bounded (oldest entries go first) so a long emulation cannot exhaust memory.</summary>
public sealed class ChannelLog(int capacity = 10_000)
{
    private readonly Queue<ChannelLogEntry> _entries = new();
    private readonly object _gate = new();

    public void Add(ChannelLogEntry entry)
    {
        lock (_gate)
        {
            if (_entries.Count >= capacity) _entries.Dequeue();
            _entries.Enqueue(entry);
        }
    }

    public IReadOnlyList<ChannelLogEntry> Snapshot()
    {
        lock (_gate) return _entries.ToArray();
    }
}
