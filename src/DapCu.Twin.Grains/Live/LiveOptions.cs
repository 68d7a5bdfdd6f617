namespace DapCu.Twin.Grains.Live;

/// <summary>Tuning of live fleets (configuration section <c>Live</c>; see docs/serve.md).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Wall time between a shard's checkpoints while it runs (it also checkpoints on deactivation).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shortest wait between two ticks of a shard under a wall clock (events due sooner are taken together).
    /// A 10,000-cell shard nearly always has a piece due within 0.1 s: this is in effect its tick period.</summary>
    public TimeSpan MinTickInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two ticks: aggregates are never older than this.</summary>
    public TimeSpan MaxTickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>CPU time one tick of an accelerated shard may take before it yields to other grains.</summary>
    public TimeSpan AcceleratedSlice { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Shards a fleet grain configures (or stops, or re-clocks) at a time: a ten-million-cell fleet is a
    /// thousand shards, and a thousand activations and storage writes at once only queue behind each other.</summary>
    public int StartConcurrency { get; set; } = 16;

    /// <summary>Cells one shard grain holds.</summary>
    public int CellsPerShard { get; set; } = 10_000;

    /// <summary>Wall time between a promoted CellGrain's checkpoints while it is driven.</summary>
    public TimeSpan CellCheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);
}
