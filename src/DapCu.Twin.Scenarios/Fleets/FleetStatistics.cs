using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Scenarios.Metrics;

namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>
/// The bins every shard of a fleet uses, fixed before the fleet starts (from the nominal cell's run), so
/// shard summaries can be added up. Capacity: 0 to 1.5 × the nominal cell's largest cycle capacity in
/// 1500 bins (0.1 % of that resolution). CE: 0 to 1.2 in 2400 bins (0.0005).
/// </summary>
public sealed record FleetBins(double CapacityMax_mAh_cm2, int CapacityBins, double CeMax, int CeBins,
    int Cycles, double ShortTimeMax_h, int ShortTimeBins)
{
    public static FleetBins For(Protocol protocol, RunResult nominal)
    {
        double capacity = nominal.Cycles.Count == 0 ? 0 : nominal.Cycles.Max(c => Math.Max(c.Charge_mAh_cm2, c.Discharge_mAh_cm2));
        double end_h = Math.Max(nominal.TimeSeries.Count > 0 ? nominal.TimeSeries[^1].Time_s : 0,
                                nominal.Cycles.Count > 0 ? nominal.Cycles[^1].EndTime_s : 0) / 3600.0;
        int cycles = Math.Max(ProtocolCycles.Count(protocol), nominal.Cycles.Count);
        return new FleetBins(capacity > 0 ? 1.5 * capacity : 10, 1500, 1.2, 2400, Math.Max(cycles, 1),
                             end_h > 0 ? 1.2 * end_h : 1, 240);
    }

    /// <summary>Most cycles that get their own capacity and CE histograms (~31 KB each). Longer protocols track
    /// this many cycles spread evenly from the first to the last, so a fleet's memory stays bounded however
    /// many cycles it runs.</summary>
    public const int MaxTrackedCycles = 500;

    /// <summary>How many cycles have histograms: every cycle up to <see cref="MaxTrackedCycles"/>.</summary>
    public int Slots => Math.Min(Cycles, MaxTrackedCycles);

    /// <summary>The cycle number (1-based) slot <paramref name="slot"/> tracks: the first and last cycles always.</summary>
    public int CycleOf(int slot) => Slots == Cycles ? slot + 1 : 1 + (int)Math.Round((double)slot * (Cycles - 1) / (Slots - 1));

    /// <summary>The slot tracking <paramref name="cycle"/>, or −1 when that cycle is not tracked.</summary>
    public int SlotOf(int cycle)
    {
        if (cycle < 1 || cycle > Cycles) return -1;
        if (Slots == Cycles) return cycle - 1;
        int slot = (int)Math.Round((double)(cycle - 1) * (Slots - 1) / (Cycles - 1));
        return CycleOf(slot) == cycle ? slot : -1;
    }
}

/// <summary>
/// Mergeable statistics of a fleet: per-cycle histograms of discharge capacity and CE, the shorts (count,
/// histogram of time), and cycles to 80 % of the first discharge. A cell that stopped early (short, Li
/// exhausted) counts as zero capacity for the cycles it did not reach, so failures pull the low
/// percentiles down instead of vanishing from them; CE percentiles are over the cells still cycling.
/// </summary>
public sealed class FleetStatistics
{
    public FleetStatistics(FleetBins bins)
    {
        Bins = bins;
        CapacityByCycle = Enumerable.Range(0, bins.Slots).Select(_ => new FixedHistogram(0, bins.CapacityMax_mAh_cm2, bins.CapacityBins)).ToArray();
        CeByCycle = Enumerable.Range(0, bins.Slots).Select(_ => new FixedHistogram(0, bins.CeMax, bins.CeBins)).ToArray();
        ShortTime_h = new FixedHistogram(0, bins.ShortTimeMax_h, bins.ShortTimeBins);
        CyclesToEndOfLife = new FixedHistogram(0.5, bins.Cycles + 0.5, bins.Cycles);
    }

    /// <summary>Rebuilds statistics from their parts (after crossing a wire).</summary>
    public FleetStatistics(FleetBins bins, long cells, long shorts, long wornOut, FixedHistogram[] capacityByCycle,
        FixedHistogram[] ceByCycle, FixedHistogram shortTime_h, FixedHistogram cyclesToEndOfLife)
    {
        (Bins, Cells, Shorts, WornOut) = (bins, cells, shorts, wornOut);
        (CapacityByCycle, CeByCycle, ShortTime_h, CyclesToEndOfLife) = (capacityByCycle, ceByCycle, shortTime_h, cyclesToEndOfLife);
    }

    public FleetBins Bins { get; }
    public long Cells { get; private set; }
    public long Shorts { get; private set; }
    /// <summary>Cells whose discharge fell below 80 % of their first one within the run.</summary>
    public long WornOut { get; private set; }
    /// <summary>Index = slot (<see cref="FleetBins.CycleOf"/>; cycle − 1 up to 500 cycles). Discharge capacity in mAh/cm2.</summary>
    public FixedHistogram[] CapacityByCycle { get; }
    public FixedHistogram[] CeByCycle { get; }
    public FixedHistogram ShortTime_h { get; }
    /// <summary>Integer bins centred on cycle numbers 1..Cycles.</summary>
    public FixedHistogram CyclesToEndOfLife { get; }

    public void AddCell(RunResult run) => AddCell(run.Cycles, run.EndedEarly, RunMetrics.ShortTime_s(run));

    public void AddCell(IReadOnlyList<CycleRecord> cycles, bool endedEarly, double shortTime_s)
    {
        Cells++;
        int reached = 0;
        foreach (var c in cycles)
        {
            if (c.Cycle < 1 || c.Cycle > Bins.Cycles) continue;
            reached = Math.Max(reached, c.Cycle);
            int slot = Bins.SlotOf(c.Cycle);
            if (slot < 0) continue;
            CapacityByCycle[slot].Add(c.Discharge_mAh_cm2);
            CeByCycle[slot].Add(c.CoulombicEfficiency);
        }
        if (endedEarly)
            for (int slot = 0; slot < Bins.Slots; slot++)
                if (Bins.CycleOf(slot) > reached) CapacityByCycle[slot].Add(0);
        if (double.IsFinite(shortTime_s))
        {
            Shorts++;
            ShortTime_h.Add(shortTime_s / 3600.0);
        }
        var endOfLife = RunMetrics.CyclesToRetention(cycles, RunMetrics.EndOfLifeRetention);
        if (double.IsFinite(endOfLife))
        {
            WornOut++;
            CyclesToEndOfLife.Add(endOfLife);
        }
    }

    public void Merge(FleetStatistics other)
    {
        if (other.Bins != Bins) throw new InvalidOperationException("fleet statistics with different bins cannot be merged");
        Cells += other.Cells;
        Shorts += other.Shorts;
        WornOut += other.WornOut;
        for (int i = 0; i < CapacityByCycle.Length; i++)
        {
            CapacityByCycle[i].Merge(other.CapacityByCycle[i]);
            CeByCycle[i].Merge(other.CeByCycle[i]);
        }
        ShortTime_h.Merge(other.ShortTime_h);
        CyclesToEndOfLife.Merge(other.CyclesToEndOfLife);
    }
}
