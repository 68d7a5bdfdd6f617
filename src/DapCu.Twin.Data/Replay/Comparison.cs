namespace DapCu.Twin.Data.Replay;

/// <summary>
/// Per-cycle residuals between a measured file and its replay. In a current replay the twin passes the same
/// charge as the cell by construction, so its capacity is where it would have stopped: a half cycle that ended
/// on a voltage limit (its last voltage is its extreme) ends for the twin when the twin first crosses that
/// voltage. A twin that would have gone further is credited only the measured charge (a lower bound).
/// </summary>
public static class Comparison
{
    private const double ZeroCurrent_A = 1e-12;
    /// <summary>How close (share of the half cycle's voltage span) the last voltage must be to its extreme to count as a cutoff.</summary>
    private const double CutoffTolerance = 0.02;

    public static ComparisonResult Of(ReplayTrace trace)
    {
        var chargeFirst = FirstSign(trace.MeasuredCurrent_A, trace.TwinCurrent_A) >= 0;
        var cycles = new List<CycleComparison>();
        var start = 0;
        for (var i = 1; i <= trace.Count; i++)
        {
            if (i < trace.Count && trace.Cycle[i] == trace.Cycle[start]) continue;
            cycles.Add(Cycle(trace, start, i, chargeFirst));
            start = i;
        }
        return new ComparisonResult(trace, cycles, chargeFirst);
    }

    private static CycleComparison Cycle(ReplayTrace t, int from, int to, bool chargeFirst)
    {
        double sq = 0, etaM = 0, etaT = 0;
        int withCurrent = 0;
        for (var i = from; i < to; i++)
        {
            var d = t.TwinVoltage_V[i] - t.MeasuredVoltage_V[i];
            sq += d * d;
            if (Math.Abs(t.MeasuredCurrent_A[i]) > ZeroCurrent_A || Math.Abs(t.TwinCurrent_A[i]) > ZeroCurrent_A)
            {
                etaM += Math.Abs(t.MeasuredVoltage_V[i] - t.TwinOcv_V[i]);
                etaT += Math.Abs(t.TwinVoltage_V[i] - t.TwinOcv_V[i]);
                withCurrent++;
            }
        }
        var (qmC, qmD) = Integrate(t, t.MeasuredCurrent_A, from, to);
        var (qtC, qtD) = t.Mode == ReplayMode.Current ? TwinToCutoff(t, from, to) : Integrate(t, t.TwinCurrent_A, from, to);
        return new CycleComparison(t.Cycle[from], to - from, Math.Sqrt(sq / (to - from)),
            qmC, qtC, qmD, qtD, Ce(qmC, qmD, chargeFirst), Ce(qtC, qtD, chargeFirst),
            withCurrent > 0 ? etaM / withCurrent : double.NaN, withCurrent > 0 ? etaT / withCurrent : double.NaN);
    }

    private static double Ce(double charge, double discharge, bool chargeFirst)
    {
        // A twin that stops at once (its first voltage is past the cutoff) inserts next to nothing: no meaningful CE.
        var inserted = chargeFirst ? charge : discharge;
        var returned = chargeFirst ? discharge : charge;
        return inserted > 0 && inserted >= 1e-3 * returned ? returned / inserted : double.NaN;
    }

    /// <summary>Charge and discharge in Ah, each record's current over the interval before it (none across a logging gap).</summary>
    private static (double Charge_Ah, double Discharge_Ah) Integrate(ReplayTrace t, double[] current, int from, int to)
    {
        double c = 0, d = 0;
        for (var i = Math.Max(from, 1); i < to; i++)
        {
            var q = current[i] * t.LoggedInterval_s(i);
            if (q > 0) c += q; else d -= q;
        }
        return (c / 3600, d / 3600);
    }

    private static (double Charge_Ah, double Discharge_Ah) TwinToCutoff(ReplayTrace t, int from, int to)
    {
        double c = 0, d = 0;
        var i = Math.Max(from, 1);
        while (i < to)
        {
            // One half cycle: records up to the next reversal of the current (rests do not end it).
            var sign = Math.Sign(t.MeasuredCurrent_A[i]);
            if (Math.Abs(t.MeasuredCurrent_A[i]) <= ZeroCurrent_A) { i++; continue; }
            var end = i;
            for (var k = i; k < to; k++)
            {
                var s = Math.Abs(t.MeasuredCurrent_A[k]) > ZeroCurrent_A ? Math.Sign(t.MeasuredCurrent_A[k]) : 0;
                if (s == -sign) break;
                if (s == sign) end = k;
            }
            var q = HalfCycle_As(t, i, end, sign);
            if (sign > 0) c += q; else d += q;
            i = end + 1;
        }
        return (c / 3600, d / 3600);
    }

    private static double HalfCycle_As(ReplayTrace t, int from, int last, int sign)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (var k = from; k <= last; k++) { lo = Math.Min(lo, t.MeasuredVoltage_V[k]); hi = Math.Max(hi, t.MeasuredVoltage_V[k]); }
        var cutoff = t.MeasuredVoltage_V[last];
        var extreme = sign > 0 ? hi : lo;
        var limited = Math.Abs(cutoff - extreme) <= CutoffTolerance * Math.Max(hi - lo, 1e-6);
        var q = 0.0;
        for (var k = from; k <= last; k++)
        {
            q += Math.Abs(t.MeasuredCurrent_A[k]) * t.LoggedInterval_s(k);
            if (limited && k < last && (sign > 0 ? t.TwinVoltage_V[k] >= cutoff : t.TwinVoltage_V[k] <= cutoff)) break;
        }
        return q;
    }

    private static int FirstSign(double[] a, double[] b)
    {
        foreach (var x in a) if (Math.Abs(x) > ZeroCurrent_A) return Math.Sign(x);
        foreach (var x in b) if (Math.Abs(x) > ZeroCurrent_A) return Math.Sign(x);
        return 1;
    }
}
