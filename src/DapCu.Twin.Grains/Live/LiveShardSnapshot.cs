using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Protocols.Running.Cursor;
using DapCu.Twin.Scenarios.Fleets;
using MessagePack;

namespace DapCu.Twin.Grains.Live;

/// <summary>One histogram as MessagePack writes it (bins, counts, sums).</summary>
[MessagePackObject]
public sealed record HistogramSnapshot([property: Key(0)] double Min, [property: Key(1)] double Max, [property: Key(2)] long[] Counts,
    [property: Key(3)] double Sum, [property: Key(4)] double SumOfSquares)
{
    public static HistogramSnapshot Of(FixedHistogram h) => new(h.Min, h.Max, (long[])h.Counts.Clone(), h.Sum, h.SumOfSquares);
    public FixedHistogram ToHistogram() => new(Min, Max, (long[])Counts.Clone(), Sum, SumOfSquares);
}

/// <summary>
/// A shard's checkpoint: every cell's model state and protocol position, which cells were promoted, and the
/// histograms of the cycles completed so far. Written with MessagePack under <see cref="CurrentVersion"/>;
/// <see cref="Read"/> upgrades older versions it knows and refuses newer ones with a clear message.
/// </summary>
[MessagePackObject]
public sealed class LiveShardSnapshot
{
    /// <summary>1: states, positions, promoted flags, histograms.</summary>
    public const int CurrentVersion = 1;

    [Key(0)] public int Version { get; set; } = CurrentVersion;
    [Key(1)] public int FirstCell { get; set; }
    [Key(2)] public CellState[] States { get; set; } = [];
    [Key(3)] public ProtocolPosition[] Positions { get; set; } = [];
    [Key(4)] public bool[] Promoted { get; set; } = [];
    [Key(5)] public long CompletedCycles { get; set; }
    [Key(6)] public HistogramSnapshot[] Capacity { get; set; } = [];
    [Key(7)] public HistogramSnapshot[] Ce { get; set; } = [];
    [Key(8)] public HistogramSnapshot[] Overpotential { get; set; } = [];
    [Key(9)] public HistogramSnapshot? ShortTime { get; set; }

    private static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithCompression(MessagePackCompression.Lz4BlockArray);

    public byte[] Write() => MessagePackSerializer.Serialize(this, Options);

    /// <summary>Reads a checkpoint written by this or an earlier version of the twin.</summary>
    public static LiveShardSnapshot Read(byte[] bytes, int storedVersion, string shard)
    {
        if (storedVersion > CurrentVersion || storedVersion < 1)
            throw new InvalidOperationException($"live shard {shard}: checkpoint schema version {storedVersion} is not one this build reads " +
                $"(it reads 1 to {CurrentVersion}); run the dapcu version that wrote it, or stop the fleet and start it again");
        LiveShardSnapshot snapshot;
        try { snapshot = MessagePackSerializer.Deserialize<LiveShardSnapshot>(bytes, Options); }
        catch (MessagePackSerializationException e)
        {
            throw new InvalidOperationException($"live shard {shard}: checkpoint (schema version {storedVersion}) is damaged: {e.Message}", e);
        }
        if (snapshot.Version != storedVersion)
            throw new InvalidOperationException($"live shard {shard}: checkpoint says schema version {snapshot.Version}, its record {storedVersion}");
        if (snapshot.States.Length != snapshot.Positions.Length || snapshot.Promoted.Length != snapshot.States.Length)
            throw new InvalidOperationException($"live shard {shard}: checkpoint holds {snapshot.States.Length} states, " +
                $"{snapshot.Positions.Length} positions and {snapshot.Promoted.Length} flags; expected one of each per cell");
        return snapshot;
    }
}
