using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Scenarios.Tests;

/// <summary>Hand-made runs for output tests that must not depend on the engine's numbers.</summary>
internal static class TestRuns
{
    /// <summary>A Li|Cu-like run: plate 1 h, strip until 1 V, with a CE that decays and one short.</summary>
    public static RunResult HalfCell(int cycles, double ce0, double fade, double shortAt_h = double.NaN)
    {
        var run = new RunResult();
        double t = 0;
        for (int c = 1; c <= cycles; c++)
        {
            for (int step = 1; step <= 2; step++)
                for (int k = 0; k <= 10; k++)
                {
                    double q = 0.1 * k;
                    double v = step == 1 ? -0.02 - 0.002 * k : 0.02 + 0.05 * k * k / 10.0;
                    run.TimeSeries.Add(new TimeSeriesPoint(t + 360 * k, c, step, step == 1 ? -1.131 : 1.131, step == 1 ? -1 : 1, v, q, Math.Abs(v) * 1000));
                }
            t += 7200;
            double ce = ce0 - fade * c;
            run.Cycles.Add(new CycleRecord(c, t, 1.0, ce, double.NaN, double.NaN, ce, 20 + c, 30 + c, 1.0, 0, 0,
                new LiInventory(0, 1 - ce, 0.01 * c, 0.001 * c, 0, 50)));
        }
        if (double.IsFinite(shortAt_h))
        {
            run.Events.Add(new CellEvent(shortAt_h * 3600, cycles, CellEventKind.Short, "dendrite crossed the separator, \"fast\""));
            run.EndedEarly = true;
            run.EndReason = "short";
        }
        return run;
    }
}
