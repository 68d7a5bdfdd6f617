namespace DapCu.Twin.Cycler.Channels;

/// <summary>The fixture between a source-measure unit and a cell: contact resistance in the force leads (seen by
/// 2-wire sensing, not by 4-wire), an internal short in parallel with the cell, and whether the leads are open.</summary>
public readonly record struct Fixture(double Contact_ohm, bool RemoteSense, double? Short_ohm, bool Open)
{
    /// <summary>Resistance between the cell and the sense point (2-wire sensing sees the contacts).</summary>
    public double SensedSeries_ohm => RemoteSense ? 0 : Contact_ohm;
    public double ShortConductance_S => Short_ohm is { } r ? 1 / r : 0;
}

/// <summary>One solution of the circuit: the cell's own current and voltage, the current at the instrument's
/// terminals (cell + short) and the voltage at its sense point.</summary>
public readonly record struct CircuitPoint(double CellCurrent_A, double CellVoltage_V, double Terminal_A, double Sense_V);

/// <summary>
/// Solves cell + fixture for what the source imposes, as one circuit. The cell is a monotone current-voltage curve
/// <c>f(I_cell)</c> that may jump (fresh Cu: no Li to strip, so no positive current flows below the Cu potential);
/// everything else is linear. The unknown is the cell current x; terminal current x + f(x)·G_short and sense voltage
/// f(x) + R_sense·I_t both rise with x, so bisection always finds the point, however small the short (1 µΩ) or steep
/// the cell. Where the cell curve jumps, the cell voltage is the one the rest of the circuit sets, within the jump.
/// </summary>
public static class TerminalCircuit
{
    /// <summary>Largest current the bracket search goes to: far beyond any instrument, so only a broken cell model
    /// (a voltage that never crosses the target) reaches it.</summary>
    private const double MaxSearch_A = 1e9;

    /// <summary>The point where the current at the terminals is <paramref name="terminal_A"/>.</summary>
    public static CircuitPoint AtTerminalCurrent(Func<double, double> cell_V, Fixture f, double terminal_A)
    {
        double g = f.ShortConductance_S;
        if (g == 0) return Point(terminal_A, cell_V(terminal_A), f);
        var (a, b) = Root(x => x + cell_V(x) * g - terminal_A, terminal_A);
        double x = 0.5 * (a + b);
        double v = Clamp((terminal_A - x) / g, cell_V(a), cell_V(b));
        return Point(x, v, f);
    }

    /// <summary>The point where the voltage at the sense point is <paramref name="sense_V"/>.</summary>
    public static CircuitPoint AtSenseVoltage(Func<double, double> cell_V, Fixture f, double sense_V)
    {
        double g = f.ShortConductance_S, r = f.SensedSeries_ohm;
        var (a, b) = Root(x => { double v = cell_V(x); return v + r * (x + v * g) - sense_V; }, 0);
        double xm = 0.5 * (a + b);
        // V_sense = V + r (x + V g)  =>  V = (V_sense - r x) / (1 + r g)
        double vCell = Clamp((sense_V - r * xm) / (1 + r * g), cell_V(a), cell_V(b));
        return Point(xm, vCell, f);
    }

    private static CircuitPoint Point(double x, double v, Fixture f)
    {
        double it = x + v * f.ShortConductance_S;
        return new CircuitPoint(x, v, it, v + f.SensedSeries_ohm * it);
    }

    private static double Clamp(double v, double p, double q) => Math.Clamp(v, Math.Min(p, q), Math.Max(p, q));

    /// <summary>A tight bracket [a, b] around the root of a rising residual, searched outward from x0.</summary>
    private static (double A, double B) Root(Func<double, double> residual, double x0)
    {
        double r0 = residual(x0);
        if (r0 == 0) return (x0, x0);
        double a = x0, b = x0, step = Math.Max(1e-12, 1e-6 * Math.Abs(x0));
        if (r0 < 0)
            while (true)
            {
                b = x0 + step;
                if (!(residual(b) < 0) || step > MaxSearch_A) break;   // NaN counts as "past the root": stay finite
                a = b;
                step *= 4;
            }
        else
            while (true)
            {
                a = x0 - step;
                if (!(residual(a) > 0) || step > MaxSearch_A) break;
                b = a;
                step *= 4;
            }
        for (int i = 0; i < 200 && b - a > 1e-13 * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-18; i++)
        {
            double m = 0.5 * (a + b);
            if (residual(m) < 0) a = m; else b = m;
        }
        return (a, b);
    }
}
