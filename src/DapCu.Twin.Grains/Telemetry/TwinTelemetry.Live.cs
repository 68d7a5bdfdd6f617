using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DapCu.Twin.Grains.Telemetry;

/// <summary>Instruments of live fleets, checkpoints and emulated channels (see <see cref="TwinTelemetry"/>).</summary>
public static partial class TwinTelemetry
{
    /// <summary>Engine steps taken by live cells (rate = cell-steps/s).</summary>
    public static readonly Counter<long> CellSteps = Meter.CreateCounter<long>("dapcu.cell.steps", "{step}", "engine steps taken by live cells");

    /// <summary>Coulombic efficiency of each finished cycle (dimensionless; buckets resolve the 0.9-1.0 range cells live in).</summary>
    public static readonly Histogram<double> CycleCoulombicEfficiency = Meter.CreateHistogram<double>(
        "dapcu.cycle.coulombic_efficiency.ratio", null, "coulombic efficiency of each finished cycle", null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999, 1.0, 1.01] });

    /// <summary>Discharge (stripping) capacity of each finished cycle, areal.</summary>
    public static readonly Histogram<double> CycleCapacity = Meter.CreateHistogram<double>(
        "dapcu.cycle.capacity.mah_per_cm2", null, "discharge capacity of each finished cycle, mAh/cm2", null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10] });

    /// <summary>Shard checkpoints written (a snapshot of a shard's cells to grain storage).</summary>
    public static readonly Counter<long> CheckpointWrites = Meter.CreateCounter<long>("dapcu.checkpoint.writes", "{checkpoint}", "shard checkpoints written");
    public static readonly Histogram<double> CheckpointDuration = Meter.CreateHistogram<double>(
        "dapcu.checkpoint.duration", "s", "time to serialise and write one shard checkpoint", null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    public static readonly Counter<long> CheckpointSize = Meter.CreateCounter<long>("dapcu.checkpoint.size", "By", "bytes of shard checkpoints written");

    /// <summary>Instrument commands a channel answered with an error (SCPI error queue entries, MacNet error replies).</summary>
    public static readonly Counter<long> ChannelErrors = Meter.CreateCounter<long>("dapcu.channel.errors", "{error}", "instrument commands answered with an error");

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, long>> FleetCensus = new();
    private static readonly ConcurrentDictionary<string, long> LastCheckpoint = new();

    static TwinTelemetry()
    {
        Meter.CreateObservableGauge("dapcu.fleet.cells", ObserveCellsByState, "{cell}", "live cells over all fleets, by state");
        Meter.CreateObservableGauge("dapcu.fleets", () => FleetCensus.Count, "{fleet}", "live fleets this host watches");
        Meter.CreateObservableGauge("dapcu.checkpoint.age", ObserveCheckpointAge, "s", "time since the stalest live shard of this silo last checkpointed");
    }

    /// <summary>Puts the unlabelled counters at 0 so a scrape shows "none yet" rather than no series. Call once the
    /// host's meter provider listens (a measurement before that is lost).</summary>
    public static void StartCounters()
    {
        foreach (var counter in new[] { CellSteps, CyclesSimulated, Shorts, CheckpointWrites, CheckpointSize }) counter.Add(0);
    }

    /// <summary>The latest cell counts by state of one live fleet (replaces its previous report).</summary>
    public static void ReportFleet(string fleet, IReadOnlyDictionary<string, long> cellsByState) => FleetCensus[fleet] = cellsByState;

    /// <summary>A fleet that stopped: it no longer counts.</summary>
    public static void ForgetFleet(string fleet) => FleetCensus.TryRemove(fleet, out _);

    /// <summary>Records one finished cycle of a live cell.</summary>
    public static void CycleFinished(double coulombicEfficiency, double capacity_mAh_cm2)
    {
        CyclesSimulated.Add(1);
        if (double.IsFinite(coulombicEfficiency)) CycleCoulombicEfficiency.Record(coulombicEfficiency);
        if (double.IsFinite(capacity_mAh_cm2)) CycleCapacity.Record(capacity_mAh_cm2);
    }

    /// <summary>Opens the trace span of one checkpoint; dispose the result when the write is done.</summary>
    public static CheckpointScope Checkpoint(string shard, long bytes) => new(shard, bytes, Activities.StartActivity("dapcu.checkpoint"));

    /// <summary>A shard that deactivated for good (its fleet stopped): it no longer ages.</summary>
    public static void ForgetShard(string shard) => LastCheckpoint.TryRemove(shard, out _);

    /// <summary>Times one checkpoint write: span, count, bytes, duration, and the shard's checkpoint age.</summary>
    public readonly struct CheckpointScope(string shard, long bytes, Activity? activity) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose()
        {
            CheckpointWrites.Add(1);
            CheckpointSize.Add(bytes);
            CheckpointDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds);
            LastCheckpoint[shard] = Stopwatch.GetTimestamp();
            activity?.SetTag("dapcu.shard", shard);
            activity?.SetTag("dapcu.checkpoint.bytes", bytes);
            activity?.Dispose();
        }
    }

    private static IEnumerable<Measurement<long>> ObserveCellsByState()
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var fleet in FleetCensus.Values)
            foreach (var (state, count) in fleet)
                sums[state] = sums.GetValueOrDefault(state) + count;
        return sums.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("state", s.Key)));
    }

    private static IEnumerable<Measurement<double>> ObserveCheckpointAge()
    {
        if (LastCheckpoint.IsEmpty) yield break;
        var oldest = LastCheckpoint.Values.Min();
        yield return new Measurement<double>(Stopwatch.GetElapsedTime(oldest).TotalSeconds);
    }
}
