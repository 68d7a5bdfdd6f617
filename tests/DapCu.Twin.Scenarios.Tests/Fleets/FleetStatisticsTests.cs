using DapCu.Twin.Physics.Results;
using DapCu.Twin.Scenarios.Fleets;
using MathNet.Numerics.Statistics;

namespace DapCu.Twin.Scenarios.Tests.Fleets;

public class FleetStatisticsTests
{
    private static readonly FleetBins Bins = new(CapacityMax_mAh_cm2: 3, CapacityBins: 1500, CeMax: 1.2, CeBins: 2400, Cycles: 40,
        ShortTimeMax_h: 200, ShortTimeBins: 240);

    /// <summary>1000 synthetic cells: capacity fades at a rate drawn per cell; some short.</summary>
    private static List<(List<CycleRecord> Cycles, bool EndedEarly, double Short_s)> Cells()
    {
        var rng = new Random(11);
        var cells = new List<(List<CycleRecord>, bool, double)>();
        for (int i = 0; i < 1000; i++)
        {
            double q0 = 1.0 + 0.05 * (rng.NextDouble() - 0.5), fade = 0.002 + 0.01 * rng.NextDouble();
            bool shorts = rng.NextDouble() < 0.1;
            int cycles = shorts ? 5 + rng.Next(30) : 40;
            var list = Enumerable.Range(1, cycles).Select(c =>
            {
                double q = q0 * (1 - fade * (c - 1)), ce = 0.98 + 0.015 * rng.NextDouble();
                return new CycleRecord(c, c * 7200, q / ce, q, double.NaN, double.NaN, ce, 20, 30, 0, 0, 0, default);
            }).ToList();
            cells.Add((list, shorts, shorts ? cycles * 7200.0 : double.NaN));
        }
        return cells;
    }

    [Fact]
    public void Percentiles_match_an_exact_computation_within_one_bin()
    {
        var stats = new FleetStatistics(Bins);
        var cells = Cells();
        foreach (var (cycles, ended, shortAt) in cells) stats.AddCell(cycles, ended, shortAt);

        foreach (int cycle in new[] { 1, 10, 40 })
        {
            // Independent figure: failed cells count as zero capacity, as the statistics promise.
            var capacities = cells.Select(c => c.Cycles.Count >= cycle ? c.Cycles[cycle - 1].Discharge_mAh_cm2 : 0.0).ToArray();
            var ces = cells.Where(c => c.Cycles.Count >= cycle).Select(c => c.Cycles[cycle - 1].CoulombicEfficiency).ToArray();
            foreach (var p in new[] { 0.05, 0.5, 0.95 })
            {
                Assert.Equal(capacities.Quantile(p), stats.CapacityByCycle[cycle - 1].Quantile(p), 3 / 1500.0 * 1.01);
                Assert.Equal(ces.Quantile(p), stats.CeByCycle[cycle - 1].Quantile(p), 1.2 / 2400 * 1.01 + 1e-4);
            }
            Assert.Equal(capacities.Average(), stats.CapacityByCycle[cycle - 1].Mean, 9);
        }

        Assert.Equal(cells.Count(c => c.EndedEarly), stats.Shorts);
        var shortTimes = cells.Where(c => c.EndedEarly).Select(c => c.Short_s / 3600).ToArray();
        Assert.Equal(shortTimes.Median(), stats.ShortTime_h.Quantile(0.5), 200.0 / 240 * 1.01);

        var endOfLife = cells.Select(c => c.Cycles.FirstOrDefault(r => r.Discharge_mAh_cm2 < 0.8 * c.Cycles[0].Discharge_mAh_cm2)?.Cycle)
            .Where(c => c is not null).Select(c => (double)c!.Value).ToArray();
        Assert.Equal(endOfLife.Length, stats.WornOut);
        Assert.Equal(endOfLife.Median(), stats.CyclesToEndOfLife.Quantile(0.5), 1.0);
    }

    [Fact]
    public void Merging_shards_gives_exactly_the_statistics_of_the_whole_fleet()
    {
        var cells = Cells();
        var whole = new FleetStatistics(Bins);
        var shards = Enumerable.Range(0, 3).Select(_ => new FleetStatistics(Bins)).ToArray();
        for (int i = 0; i < cells.Count; i++)
        {
            whole.AddCell(cells[i].Cycles, cells[i].EndedEarly, cells[i].Short_s);
            shards[i % 3].AddCell(cells[i].Cycles, cells[i].EndedEarly, cells[i].Short_s);
        }
        var merged = new FleetStatistics(Bins);
        foreach (var s in shards) merged.Merge(s);

        Assert.Equal(whole.Cells, merged.Cells);
        Assert.Equal(whole.Shorts, merged.Shorts);
        for (int c = 0; c < Bins.Cycles; c++)
        {
            Assert.Equal(whole.CapacityByCycle[c].Counts, merged.CapacityByCycle[c].Counts);
            Assert.Equal(whole.CeByCycle[c].Counts, merged.CeByCycle[c].Counts);
        }
        Assert.Equal(whole.CyclesToEndOfLife.Counts, merged.CyclesToEndOfLife.Counts);
    }

    [Fact]
    public void Histograms_with_different_bins_refuse_to_merge()
    {
        var a = new FixedHistogram(0, 1, 10);
        Assert.Throws<InvalidOperationException>(() => a.Merge(new FixedHistogram(0, 2, 10)));
    }

    [Fact]
    public void Out_of_range_values_land_in_the_edge_bins()
    {
        var h = new FixedHistogram(0, 1, 10);
        foreach (var v in new[] { -5.0, 0.05, 0.55, 7.0 }) h.Add(v);
        Assert.Equal(1, h.Counts[0]);
        Assert.Equal(1, h.Counts[^1]);
        Assert.Equal(4, h.Total);
        Assert.Equal(0, h.Quantile(0.01));
        Assert.Equal(1, h.Quantile(1.0));
    }
}
