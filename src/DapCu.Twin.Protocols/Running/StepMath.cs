using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Protocols.Running;

/// <summary>The searches a step needs, shared by <see cref="ProtocolRunner"/> and <see cref="Cursor.ProtocolCursor"/>
/// so both take the same floating-point path (bit-identical results).</summary>
internal static class StepMath
{
    private const int MaxCutoffIterations = 60;
    private const double CutoffTolerance_s = 1e-3;
    private const double CutoffVoltageTolerance_V = 1e-4;

    public static bool Crossed(double voltage_V, double current_mA_cm2, double? cutoff_V) =>
        cutoff_V is { } c && (current_mA_cm2 > 0 ? voltage_V >= c : voltage_V <= c);

    /// <summary>Time into the interval at which the voltage reaches the cutoff: regula falsi with the
    /// Illinois correction on the exact advance (the voltage is smooth but steep near depletion).</summary>
    public static double LocateCutoff(CellModel model, CellState before, double j, double dt, double endVoltage_V, double cutoff_V)
    {
        double lo = 0.0, hi = dt;
        var fLo = model.Voltage_V(before, j) - cutoff_V;
        var fHi = endVoltage_V - cutoff_V;
        var side = 0;
        for (var i = 0; i < MaxCutoffIterations && hi - lo > CutoffTolerance_s && Math.Abs(fHi) > CutoffVoltageTolerance_V; i++)
        {
            var t = (fHi - fLo) != 0 ? hi - fHi * (hi - lo) / (fHi - fLo) : 0.5 * (lo + hi);
            if (!(t > lo && t < hi) || i % 8 == 7) t = 0.5 * (lo + hi); // keep shrinking when falsi stalls
            var probe = before;
            model.Advance(ref probe, j, t);
            var f = model.Voltage_V(probe, j) - cutoff_V;
            if (Crossed(f + cutoff_V, j, cutoff_V))
            {
                hi = t; fHi = f;
                if (side == 1) fLo *= 0.5;
                side = 1;
            }
            else
            {
                lo = t; fLo = f;
                if (side == -1) fHi *= 0.5;
                side = -1;
            }
        }
        return hi;
    }

    /// <summary>Current density that brings the terminal voltage to the hold at the end of a piece of dt
    /// (backward Euler: the voltage is held at every recorded point even where the OCV is steep, e.g. LFP
    /// near full charge; an explicit current overshot it by hundreds of mV). Voltage rises with current.</summary>
    public static double SolveHoldCurrent(CellModel model, in CellState state, double hold_V, double maxJ, double dt)
    {
        double lo = -maxJ, hi = maxJ;
        if (EndVoltage(model, state, hi, dt) <= hold_V) return hi;
        if (EndVoltage(model, state, lo, dt) >= hold_V) return lo;
        for (var i = 0; i < 50; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (EndVoltage(model, state, mid, dt) < hold_V) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static double EndVoltage(CellModel model, CellState probe, double j, double dt)
    {
        model.Advance(ref probe, j, dt);
        return model.Voltage_V(probe, j);
    }
}
