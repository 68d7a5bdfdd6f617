using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Running.Cursor;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Live;

/// <summary>
/// Fixed histogram scales of a live fleet, chosen before it starts so every shard's histograms add up:
/// capacity 0 to twice the larger of the cell's rated capacity and the largest charge a step can pass,
/// CE 0 to 1.2, mean overpotential 0 to 1 V, short time 0 to 1.2 x the protocol's nominal length; cycles
/// are grouped so at most <see cref="MaxCycleBuckets"/> histograms exist per quantity.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveBins(
    [property: Id(0)] double CapacityMax_mAh_cm2, [property: Id(1)] double CeMax, [property: Id(2)] double OverpotentialMax_mV,
    [property: Id(3)] int Bins, [property: Id(4)] int CyclesPerBucket, [property: Id(5)] double ShortTimeMax_h)
{
    public const int MaxCycleBuckets = 200;
    public const int DefaultBins = 40;

    public static LiveBins For(ProtocolCursor nominal)
    {
        var model = nominal.Model;
        var protocol = nominal.Program.Protocol;
        double stepCapacity = 0, length_s = 0;
        Visit(protocol.Nodes, 1);
        var capacity = Math.Max(model.RatedCapacity_mAh_cm2, stepCapacity);
        var cycles = Math.Max(1, ProtocolCycles.Count(protocol));
        return new LiveBins(2 * capacity, 1.2, 1000, DefaultBins, (cycles + MaxCycleBuckets - 1) / MaxCycleBuckets,
            length_s > 0 ? 1.2 * length_s / 3600.0 : 1000);

        void Visit(IReadOnlyList<ProtocolNode> nodes, double repeats)
        {
            foreach (var node in nodes)
            {
                if (node is ProtocolLoop loop) { Visit(loop.Body, repeats * loop.Count); continue; }
                var step = (ProtocolStep)node;
                var j = step.Current is { } c ? CurrentDensity_mA_cm2(c) : 0.0;
                double? q = null;
                foreach (var cut in step.Cutoffs)
                    if (cut is CapacityCutoff cc) q = cc.Capacity_mAh_cm2;
                    else if (cut is AbsoluteCapacityCutoff ac) q = ac.Capacity_mAh / model.Design.Area_cm2;
                var duration = step.Duration_s ?? (q is { } qq && j > 0 ? qq / j * 3600 : j > 0 ? model.RatedCapacity_mAh_cm2 / j * 3600 : 0);
                stepCapacity = Math.Max(stepCapacity, q ?? j * duration / 3600);
                length_s += repeats * duration;
            }
        }

        double CurrentDensity_mA_cm2(CurrentSpec c) => c.Unit switch
        {
            CurrentUnit.MilliAmpPerCm2 => c.Value,
            CurrentUnit.MilliAmp => c.Value / model.Design.Area_cm2,
            CurrentUnit.Amp => c.Value * 1000.0 / model.Design.Area_cm2,
            _ => c.Value * model.RatedCapacity_mAh_cm2,
        };
    }
}

/// <summary>
/// What a live fleet looks like now, summed over its shards (shards send theirs, the fleet adds them up).
/// Counts by state: every cell is exactly one of cycling (current flowing), resting (in a rest step or
/// between steps) or finished; shorted, Li exhausted, ended early and promoted are flags over those.
/// Histograms per cycle bucket: delivered capacity, CE and mean overpotential of every completed cycle.
/// </summary>
[GenerateSerializer]
public sealed class LiveAggregates
{
    [Id(0)] public LiveBins Bins { get; init; } = null!;
    [Id(1)] public long Cells { get; set; }
    [Id(2)] public long Cycling { get; set; }
    [Id(3)] public long Resting { get; set; }
    [Id(4)] public long Finished { get; set; }
    [Id(5)] public long Shorted { get; set; }
    [Id(6)] public long LiExhausted { get; set; }
    [Id(7)] public long EndedEarly { get; set; }
    [Id(8)] public long Promoted { get; set; }
    [Id(9)] public long CompletedCycles { get; set; }
    /// <summary>Slowest and fastest running cell's time (equal under a wall clock once cells are caught up).</summary>
    [Id(10)] public double MinCellTime_s { get; set; } = double.PositiveInfinity;
    [Id(11)] public double MaxCellTime_s { get; set; }
    [Id(12)] public List<FixedHistogram> CapacityByCycle { get; init; } = [];
    [Id(13)] public List<FixedHistogram> CeByCycle { get; init; } = [];
    [Id(14)] public List<FixedHistogram> OverpotentialByCycle { get; init; } = [];
    /// <summary>Cell time of every internal short, in hours.</summary>
    [Id(15)] public FixedHistogram ShortTime_h { get; init; } = null!;
    [Id(16)] public DateTimeOffset AsOf { get; set; }
    /// <summary>Longest wall time a shard's last catch-up took (ms): above the tick period, a shard falls behind its clock.</summary>
    [Id(17)] public double MaxCatchUp_ms { get; set; }
    /// <summary>Shards that could not bring every cell to the present within one tick's budget since the last refresh.</summary>
    [Id(18)] public int ShardsBehind { get; set; }

    public static LiveAggregates Empty(LiveBins bins) => new() { Bins = bins, ShortTime_h = new FixedHistogram(0, bins.ShortTimeMax_h, bins.Bins) };

    /// <summary>Adds one completed cycle to its bucket's histograms.</summary>
    public void AddCycle(CycleRecord cycle, bool deliveredOnDischarge)
    {
        CompletedCycles++;
        var bucket = (Math.Max(cycle.Cycle, 1) - 1) / Bins.CyclesPerBucket;
        if (bucket >= LiveBins.MaxCycleBuckets) return;
        while (CapacityByCycle.Count <= bucket)
        {
            CapacityByCycle.Add(new FixedHistogram(0, Bins.CapacityMax_mAh_cm2, Bins.Bins));
            CeByCycle.Add(new FixedHistogram(0, Bins.CeMax, Bins.Bins));
            OverpotentialByCycle.Add(new FixedHistogram(0, Bins.OverpotentialMax_mV, Bins.Bins));
        }
        CapacityByCycle[bucket].Add(deliveredOnDischarge ? cycle.Discharge_mAh_cm2 : cycle.Charge_mAh_cm2);
        CeByCycle[bucket].Add(cycle.CoulombicEfficiency);
        OverpotentialByCycle[bucket].Add(cycle.MeanOverpotential_mV);
    }

    /// <summary>The state counts are recounted on every refresh; the histograms accumulate.</summary>
    public void ClearCounts()
    {
        Cells = Cycling = Resting = Finished = Shorted = LiExhausted = EndedEarly = Promoted = 0;
        MinCellTime_s = double.PositiveInfinity;
        MaxCellTime_s = 0;
        MaxCatchUp_ms = 0;
        ShardsBehind = 0;
    }

    public LiveAggregates Merge(LiveAggregates other)
    {
        Cells += other.Cells; Cycling += other.Cycling; Resting += other.Resting; Finished += other.Finished;
        Shorted += other.Shorted; LiExhausted += other.LiExhausted; EndedEarly += other.EndedEarly; Promoted += other.Promoted;
        CompletedCycles += other.CompletedCycles;
        MinCellTime_s = Math.Min(MinCellTime_s, other.MinCellTime_s);
        MaxCellTime_s = Math.Max(MaxCellTime_s, other.MaxCellTime_s);
        MaxCatchUp_ms = Math.Max(MaxCatchUp_ms, other.MaxCatchUp_ms);
        ShardsBehind += other.ShardsBehind;
        MergeList(CapacityByCycle, other.CapacityByCycle);
        MergeList(CeByCycle, other.CeByCycle);
        MergeList(OverpotentialByCycle, other.OverpotentialByCycle);
        ShortTime_h.Merge(other.ShortTime_h);
        if (other.AsOf < AsOf || AsOf == default) AsOf = other.AsOf; // as old as the stalest shard
        return this;
    }

    private static void MergeList(List<FixedHistogram> into, List<FixedHistogram> from)
    {
        for (var i = 0; i < from.Count; i++)
        {
            if (i < into.Count) into[i].Merge(from[i]);
            else { var copy = from[i].EmptyCopy(); copy.Merge(from[i]); into.Add(copy); }
        }
    }

    /// <summary>A deep copy (merging into it leaves this one alone).</summary>
    public LiveAggregates Copy() => Empty(Bins).Merge(this).WithAsOf(AsOf);

    private LiveAggregates WithAsOf(DateTimeOffset asOf) { AsOf = asOf; return this; }
}
