using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Serialization;

// Fleet statistics cross from shards to the fleet grain. Histograms travel sparse (only non-empty bins):
// a shard's cells fill a few hundred of a histogram's thousands of bins.

[GenerateSerializer, Immutable]
public readonly record struct FleetBinsSurrogate(
    [property: Id(0)] double CapacityMax_mAh_cm2, [property: Id(1)] int CapacityBins, [property: Id(2)] double CeMax, [property: Id(3)] int CeBins,
    [property: Id(4)] int Cycles, [property: Id(5)] double ShortTimeMax_h, [property: Id(6)] int ShortTimeBins);

[RegisterConverter]
public sealed class FleetBinsConverter : IConverter<FleetBins, FleetBinsSurrogate>
{
    public FleetBins ConvertFromSurrogate(in FleetBinsSurrogate s) =>
        new(s.CapacityMax_mAh_cm2, s.CapacityBins, s.CeMax, s.CeBins, s.Cycles, s.ShortTimeMax_h, s.ShortTimeBins);

    public FleetBinsSurrogate ConvertToSurrogate(in FleetBins b) =>
        new(b.CapacityMax_mAh_cm2, b.CapacityBins, b.CeMax, b.CeBins, b.Cycles, b.ShortTimeMax_h, b.ShortTimeBins);
}

[GenerateSerializer]
public readonly record struct FixedHistogramSurrogate(
    [property: Id(0)] double Min, [property: Id(1)] double Max, [property: Id(2)] int Slots,
    [property: Id(3)] int[] Occupied, [property: Id(4)] long[] Counts, [property: Id(5)] double Sum, [property: Id(6)] double SumOfSquares);

[RegisterConverter]
public sealed class FixedHistogramConverter : IConverter<FixedHistogram, FixedHistogramSurrogate>
{
    public FixedHistogram ConvertFromSurrogate(in FixedHistogramSurrogate s)
    {
        var counts = new long[s.Slots];
        for (int i = 0; i < s.Occupied.Length; i++) counts[s.Occupied[i]] = s.Counts[i];
        return new FixedHistogram(s.Min, s.Max, counts, s.Sum, s.SumOfSquares);
    }

    public FixedHistogramSurrogate ConvertToSurrogate(in FixedHistogram h)
    {
        var occupied = new List<int>();
        for (int i = 0; i < h.Counts.Length; i++)
            if (h.Counts[i] != 0) occupied.Add(i);
        var counts = h.Counts;
        return new FixedHistogramSurrogate(h.Min, h.Max, counts.Length, occupied.ToArray(), occupied.Select(i => counts[i]).ToArray(), h.Sum, h.SumOfSquares);
    }
}

[GenerateSerializer]
public readonly record struct FleetStatisticsSurrogate(
    [property: Id(0)] FleetBins Bins, [property: Id(1)] long Cells, [property: Id(2)] long Shorts, [property: Id(3)] long WornOut,
    [property: Id(4)] FixedHistogram[] CapacityByCycle, [property: Id(5)] FixedHistogram[] CeByCycle,
    [property: Id(6)] FixedHistogram ShortTime_h, [property: Id(7)] FixedHistogram CyclesToEndOfLife);

[RegisterConverter]
public sealed class FleetStatisticsConverter : IConverter<FleetStatistics, FleetStatisticsSurrogate>
{
    public FleetStatistics ConvertFromSurrogate(in FleetStatisticsSurrogate s) =>
        new(s.Bins, s.Cells, s.Shorts, s.WornOut, s.CapacityByCycle, s.CeByCycle, s.ShortTime_h, s.CyclesToEndOfLife);

    public FleetStatisticsSurrogate ConvertToSurrogate(in FleetStatistics s) =>
        new(s.Bins, s.Cells, s.Shorts, s.WornOut, s.CapacityByCycle, s.CeByCycle, s.ShortTime_h, s.CyclesToEndOfLife);
}
