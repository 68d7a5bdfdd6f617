namespace DapCu.Twin.Cycler.Channels;

/// <summary>
/// Finds where a source-measure unit and a load meet: the current at which the voltage at the sense point equals a
/// target, within a current bracket. The load voltage must rise with current (any passive cell does). Bisection:
/// robust against the steep knees a Li electrode shows when it runs out of lithium.
/// </summary>
public static class OperatingPointSolver
{
    /// <summary>Current in [low_A, high_A] with voltage(current) = target_V, or the bracket end nearest to it.</summary>
    public static double CurrentForVoltage(Func<double, double> voltage_V, double target_V, double low_A, double high_A)
    {
        double vLow = voltage_V(low_A), vHigh = voltage_V(high_A);
        if (!(vLow < target_V)) return low_A;   // also when NaN: stay at the safe end
        if (!(vHigh > target_V)) return high_A;
        for (int i = 0; i < 80 && high_A - low_A > 1e-15 + 1e-12 * Math.Abs(high_A); i++)
        {
            double mid = 0.5 * (low_A + high_A);
            double v = voltage_V(mid);
            if (Math.Abs(v - target_V) < 1e-9) return mid;
            if (v < target_V) low_A = mid; else high_A = mid;
        }
        return 0.5 * (low_A + high_A);
    }
}
