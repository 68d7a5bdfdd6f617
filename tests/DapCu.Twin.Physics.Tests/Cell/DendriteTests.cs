using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Electrodes;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>Dendrites away from the paper's points: onset scaling with current (Sand's 1/J^2 above the
/// limiting current, gentler below), tips that partly dissolve, scatter between seeded cells, growth
/// bounded by transport, and a porous host that shorts once Li grows on top of it.</summary>
public class DendriteTests
{
    /// <summary>A PL|Li half cell across 1 mm of free electrolyte (the paper's optical cell): J_lim =
    /// 2 F c0 D / (t_a L) = 2 x 96.485 x 3e-6 / (0.55 x 0.1) = 10.5 mA/cm2.</summary>
    private static CellModel OpticalPl() =>
        new(TestCells.HalfPl with { SeparatorThickness_um = 1000 }, TestCells.P.With("electrolyte.separator_porosity", 1.0));

    /// <summary>Onset time found by bisection on the plating duration (the event is reported by the advance that crosses it).</summary>
    private static double OnsetTime_s(CellModel model, double j)
    {
        double lo = 0, hi = 1e6;
        for (var i = 0; i < 80; i++)
        {
            var mid = 0.5 * (lo + hi);
            var s = model.CreateInitialState(1);
            if ((model.Advance(ref s, -j, mid) & CellEvents.DendriteOnset) != 0) hi = mid; else lo = mid;
        }
        return hi;
    }

    /// <summary>Least-squares slope of ln t against ln J.</summary>
    private static double Exponent(CellModel model, double[] currents)
    {
        var x = currents.Select(j => Math.Log(j)).ToArray();
        var y = currents.Select(j => Math.Log(OnsetTime_s(model, j))).ToArray();
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }

    [Fact]
    public void Onset_falls_as_J_to_the_minus_2_above_the_limiting_current_and_gentler_below()
    {
        var model = OpticalPl();
        Assert.Equal(10.5, model.Transport.LimitingCurrent_mA_cm2, 1);
        Assert.Equal(-2.0, Exponent(model, [40, 80, 160]), 2);
        var below = Exponent(model, [1, 2, 4]);
        Assert.InRange(below, -1.2, -0.8);
        // Sand's semi-infinite value at 80 mA/cm2: pi D (F c0)^2 / (4 (J t_a)^2) = 0.0877 / (4 x 0.044^2) = 11.3 s.
        Assert.Equal(Math.PI * 3e-6 * 96.48533212 * 96.48533212 / (4 * Math.Pow(0.080 * 0.55, 2)), OnsetTime_s(model, 80), 3);
    }

    [Fact]
    public void A_separator_lowers_the_limiting_current_with_its_porosity_and_thickness()
    {
        // 25 um Celgard (porosity 0.41, Bruggeman 1.5): 2 x 96.485 x 3e-6 x 0.41^1.5 / (0.55 x 25e-4) = 110.5 mA/cm2;
        // twice as thick, half of it.
        var thin = TestCells.Model(TestCells.SymmetricPl);
        var thick = TestCells.Model(TestCells.SymmetricPl with { SeparatorThickness_um = 50 });
        Assert.Equal(2 * 96.48533212 * 3e-6 * Math.Pow(0.41, 1.5) / (0.55 * 25e-4) * 1000, thin.Transport.LimitingCurrent_mA_cm2, 6);
        Assert.Equal(0.5, thick.Transport.LimitingCurrent_mA_cm2 / thin.Transport.LimitingCurrent_mA_cm2, 12);
    }

    /// <summary>Cycles a symmetric cell at J with 1 mAh/cm2 per half cycle until it shorts; the short time (h), or NaN.</summary>
    private static double ShortTime_h(CellModel model, ulong seed, double j, int maxCycles)
    {
        var s = model.CreateInitialState(seed);
        var half_s = 1.0 / j * 3600.0;
        for (var c = 0; c < maxCycles && !s.Shorted; c++)
        {
            model.Advance(ref s, -j, half_s);
            if (!s.Shorted) model.Advance(ref s, j, half_s);
        }
        return s.Shorted ? s.Time_s / 3600.0 : double.NaN;
    }

    [Fact]
    public void Nominally_identical_cells_short_at_scattered_times()
    {
        var model = TestCells.Model(TestCells.SymmetricPl);
        var times = Enumerable.Range(1, 8).Select(seed => ShortTime_h(model, (ulong)seed, 10.0, 400)).ToList();
        Assert.All(times, t => Assert.False(double.IsNaN(t)));
        Assert.True(times.Distinct().Count() == times.Count, "every seed shorts at its own time");
        Assert.True(times.Max() / times.Min() > 1.2, $"short times {string.Join(", ", times.Select(t => t.ToString("F1")))} h scatter too little");
        // Without the spread parameter they coincide.
        var uniform = TestCells.Model(TestCells.SymmetricPl, TestCells.P.With("pl.dendrite_growth_spread", 0.0));
        Assert.Equal(ShortTime_h(uniform, 1, 10.0, 400), ShortTime_h(uniform, 2, 10.0, 400));
    }

    [Fact]
    public void Tips_partly_dissolve_on_stripping()
    {
        var model = TestCells.Model(TestCells.SymmetricPl);
        var s = model.CreateInitialState(3);
        model.Advance(ref s, -10.0, 360);    // electrode B strips, A plates 1 mAh/cm2
        var grown = s.PositiveLi.Dendrite_um;
        model.Advance(ref s, 10.0, 360);     // A strips it again
        Assert.True(grown > 0);
        Assert.InRange(s.PositiveLi.Dendrite_um, 0.0, grown * 0.999);
        // 0.0103 x 4.85 um per mAh/cm2 stripped, unless the tip is gone first.
        Assert.Equal(Math.Max(0.0, grown - 0.0103 * 1e4 / 2061.24), s.PositiveLi.Dendrite_um, 3);
    }

    [Fact]
    public void Tip_growth_is_bounded_by_the_limiting_current()
    {
        // 1000 mA/cm2 is nine times the separator's limiting current: needles can only advance as fast as
        // the limiting current feeds them (10 x 4.85 um per mAh/cm2 at 110 mA/cm2 = 1.5 um/s).
        var model = TestCells.Model(TestCells.HalfPl);
        var s = model.CreateInitialState(1);
        var gf = s.PositiveLi.GrowthFactor;
        var fastest_um_s = gf * 10.0 * 1e4 / 2061.24 * model.Transport.LimitingCurrent_mA_cm2 / 3600.0;
        var step = 0.05;
        while (!s.Shorted && s.Time_s < 600) model.Advance(ref s, -1000.0, step);
        Assert.True(s.Shorted, $"no short in {s.Time_s} s, tips {CellModel.DendriteLength_um(s)} um");
        Assert.True(s.Time_s >= 25.0 / fastest_um_s, $"shorted after {s.Time_s} s");
        Assert.True(s.Time_s * 1000.0 / 3600.0 > 1.0, "more than 1 mAh/cm2 passes before the short");
    }

    [Fact]
    public void A_porous_host_shorts_once_Li_grows_on_top_of_it()
    {
        // A 10 um host holds ~0.6 mAh/cm2 (+ elastic room); plating 8 mAh/cm2 at 10 mA/cm2 puts most of it
        // on top, where protrusions grow. The paper's 100 um host keeps it all inside.
        var thin = new CellModel(TestCells.HalfDap with { SeparatorThickness_um = 25 }, TestCells.P.With("host.thickness_um", 10).With("host.areal_mass_mg_cm2", 1.35));
        var s = thin.CreateInitialState(1);
        thin.Advance(ref s, -10.0, 6 * 3600);
        Assert.True(s.Shorted, $"tip {CellModel.DendriteLength_um(s)} um");
        var paper = TestCells.Model(TestCells.HalfDap);
        var p = paper.CreateInitialState(1);
        paper.Advance(ref p, -10.0, 0.8 * 3600);
        Assert.False(p.Shorted);
        Assert.Equal(0.0, p.PositiveLi.Dendrite_um);
    }
}
