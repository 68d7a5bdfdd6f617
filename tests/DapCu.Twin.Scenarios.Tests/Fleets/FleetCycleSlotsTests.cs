using DapCu.Twin.Physics.Results;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Scenarios.Tests.Fleets;

/// <summary>A fleet's memory does not grow with its cycle count (issue 15): at most 500 cycles get histograms,
/// spread from the first cycle to the last.</summary>
public class FleetCycleSlotsTests
{
    private static FleetBins Bins(int cycles) => new(3, 1500, 1.2, 2400, cycles, 200, 240);

    private static CycleRecord Cycle(int c, double q) => new(c, c * 7200, q, q, double.NaN, double.NaN, 1.0, 20, 30, 0, 0, 0, default);

    [Theory]
    [InlineData(40)]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(100_000)]
    public void Slots_track_every_cycle_up_to_500_and_always_the_first_and_last(int cycles)
    {
        var bins = Bins(cycles);
        var stats = new FleetStatistics(bins);

        Assert.Equal(Math.Min(cycles, 500), stats.CapacityByCycle.Length);
        Assert.Equal(1, bins.CycleOf(0));
        Assert.Equal(cycles, bins.CycleOf(bins.Slots - 1));
        for (int slot = 0; slot < bins.Slots; slot++) Assert.Equal(slot, bins.SlotOf(bins.CycleOf(slot)));
        // Tracked cycles rise strictly, so no cycle is counted twice.
        Assert.All(Enumerable.Range(1, bins.Slots - 1), s => Assert.True(bins.CycleOf(s) > bins.CycleOf(s - 1)));
    }

    [Fact]
    public void A_long_cell_lands_in_the_right_slots_and_an_early_end_counts_zero_only_after_it()
    {
        var bins = Bins(100_000);
        var stats = new FleetStatistics(bins);
        // Capacity 1 - cycle/200,000: each slot's value says which cycle filled it.
        stats.AddCell(Enumerable.Range(1, 100_000).Select(c => Cycle(c, 1 - c / 200_000.0)).ToList(), endedEarly: false, double.NaN);
        stats.AddCell(Enumerable.Range(1, 50_000).Select(c => Cycle(c, 1 - c / 200_000.0)).ToList(), endedEarly: true, double.NaN);

        for (int slot = 0; slot < bins.Slots; slot++)
        {
            int cycle = bins.CycleOf(slot);
            var h = stats.CapacityByCycle[slot];
            Assert.Equal(2, h.Total);
            double expected = cycle <= 50_000 ? 2 * (1 - cycle / 200_000.0) : 1 - cycle / 200_000.0; // the stopped cell adds 0
            Assert.Equal(expected, h.Sum, 9);
        }
    }
}
