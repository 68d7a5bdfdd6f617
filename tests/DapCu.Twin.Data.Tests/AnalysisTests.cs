using DapCu.Twin.Data.Analysis;

namespace DapCu.Twin.Data.Tests;

public class AnalysisTests
{
    private static CyclerRow Row(double t, double i, int cycle, int step, double v = 3.5) =>
        new(t, i, v, cycle, step, StepKind.Unknown, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    /// <summary>Constant-current half-cycles sampled every minute: capacity is current x time by hand.</summary>
    private static IEnumerable<CyclerRow> TwoHalfCycles(double first_A, double second_A, int cycle, double t0)
    {
        for (int k = 0; k <= 60; k++) yield return Row(t0 + k * 60, first_A, cycle, 1);
        for (int k = 0; k <= 60; k++) yield return Row(t0 + 3600 + k * 60, second_A, cycle, 2);
    }

    [Fact]
    public void Full_cell_charges_first_so_ce_is_discharge_over_charge()
    {
        var summary = CycleSummaryBuilder.Of(TwoHalfCycles(1.0, -0.9, 1, 0).Concat(TwoHalfCycles(1.0, -0.8, 2, 7200)));
        Assert.Equal(CeReference.ChargeFirst, summary.CeReference);
        Assert.Equal(2, summary.CycleCount);
        Assert.Equal(1.0, summary.Cycles[0].ChargeCapacity_Ah, 12);   // 1 A x 3600 s
        Assert.Equal(0.9, summary.Cycles[0].DischargeCapacity_Ah, 12);
        Assert.Equal(0.9, summary.Cycles[0].CoulombicEfficiency!.Value, 12);
        Assert.Equal(0.8, summary.Cycles[1].CoulombicEfficiency!.Value, 12);
        Assert.Equal((-0.9, 1.0), (summary.MinCurrent_A, summary.MaxCurrent_A));
        Assert.Equal(14400, summary.Duration_s);
    }

    [Fact]
    public void Li_on_cu_plates_first_so_ce_is_stripped_over_plated()
    {
        // Negative current plates Li on the Cu working electrode; positive strips it back.
        var summary = CycleSummaryBuilder.Of(TwoHalfCycles(-2e-3, 1.7e-3, 0, 0));
        Assert.Equal(CeReference.DischargeFirst, summary.CeReference);
        Assert.Equal(0.85, summary.Cycles[0].CoulombicEfficiency!.Value, 12);
    }

    [Fact]
    public void Current_segments_hold_each_record_since_the_previous_one()
    {
        var table = CyclerTable.Load(TestData.File("landt-li-graphite-r2032.csv"));
        var segments = table.CurrentSegments(tolerance_A: 1e-4).ToList();
        var t = table.Time_s;
        var i = table.Current_A;
        double expectedCharge_As = 0;
        for (int k = 1; k < table.Count; k++) expectedCharge_As += i[k] * (t[k] - t[k - 1]);

        Assert.Equal(t[table.Count - 1] - t[0], segments.Sum(s => s.Duration_s), 6);
        Assert.Equal(expectedCharge_As, segments.Sum(s => s.Current_A * s.Duration_s), 6);
        Assert.All(segments.Zip(segments.Skip(1)), p => Assert.Equal(p.First.End_s, p.Second.Start_s));
        // The run is rest, discharge, charge, discharge: a handful of segments, not one per record.
        Assert.InRange(segments.Count, 4, 40);
    }
}
