using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Scpi;

namespace DapCu.Twin.Cycler.Keithley;

/// <summary>Sweep and list sourcing (2400 manual, section 10 "Sweep operation"): with :SOUR:CURR:MODE (or VOLT)
/// SWE or LIST, each trigger of the trigger model sources the next point (linear or log staircase from START to
/// STOP, or the list), and the source returns to its fixed (bias) level when the sweep is done.</summary>
public sealed partial class Keithley2400
{
    /// <summary>Sweep settings of one source function (CURR or VOLT).</summary>
    public sealed class SweepSettings(double defaultStop)
    {
        public string Mode { get; set; } = "FIX";
        public double Start { get; set; }
        public double Stop { get; set; } = defaultStop;
        public int Points { get; set; } = 2500;
        public List<double> List { get; } = new() { 0 };

        /// <summary>STEP = (STOP - START) / (POIN - 1), signed like the span.</summary>
        public double Step => Points > 1 ? (Stop - Start) / (Points - 1) : 0;

        public void SetStep(double step)
        {
            if (step == 0) throw new ScpiException(ScpiError.DataOutOfRange, "sweep step must not be 0");
            Points = (int)Math.Floor(Math.Abs(Stop - Start) / Math.Abs(step) + 1e-9) + 1;
        }

        public void Reset(double stop) { Mode = "FIX"; Start = 0; Stop = stop; Points = 2500; List.Clear(); List.Add(0); }
    }

    public SweepSettings CurrentSweep { get; } = new(100e-6);
    public SweepSettings VoltageSweep { get; } = new(1);
    /// <summary>LINear or LOGarithmic staircase; UP = start to stop, DOWN = stop to start.</summary>
    public bool LogSpacing { get; private set; }
    public bool SweepDown { get; private set; }

    private SweepSettings ActiveSweep => Channel.Function == SourceFunction.Current ? CurrentSweep : VoltageSweep;

    /// <summary>Source levels of the trigger model's points, or null for a fixed source.</summary>
    private double[]? SweepLevels()
    {
        var s = ActiveSweep;
        if (s.Mode == "LIST") return s.List.ToArray();
        if (s.Mode != "SWE") return null;
        int n = Math.Max(1, s.Points);
        var levels = new double[n];
        for (int k = 0; k < n; k++)
        {
            double f = n == 1 ? 0 : (double)k / (n - 1);
            levels[k] = LogSpacing && s.Start * s.Stop > 0
                ? s.Start * Math.Pow(s.Stop / s.Start, f)
                : s.Start + f * (s.Stop - s.Start);
        }
        if (SweepDown) Array.Reverse(levels);
        return levels;
    }

    private void SetSourceLevel(double level)
    {
        if (Channel.Function == SourceFunction.Current) Channel.CurrentLevel_A = level;
        else Channel.VoltageLevel_V = level;
    }

    private double SourceLevel => Channel.Function == SourceFunction.Current ? Channel.CurrentLevel_A : Channel.VoltageLevel_V;

    private void BuildSweepCommands()
    {
        var t = _table;
        foreach (var (pattern, sweep, max, unit) in new[] { ("CURRent", CurrentSweep, MaxCurrent_A, "A"), ("VOLTage", VoltageSweep, MaxVoltage_V, "V") })
        {
            var s = sweep;
            double lim = max;
            string u = unit;
            t.Add($"[:SOURce[1]]:{pattern}:MODE", c => s.Mode = Arg(c).AsChoice("FIXed", "SWEep", "LIST"), _ => s.Mode);
            t.Add($"[:SOURce[1]]:{pattern}:STARt", c => s.Start = InRange(c, 0, -lim, lim, unit: u), c => Level(c, s.Start, 0, -lim, lim));
            t.Add($"[:SOURce[1]]:{pattern}:STOP", c => s.Stop = InRange(c, 0, -lim, lim, unit: u), c => Level(c, s.Stop, 0, -lim, lim));
            t.Add($"[:SOURce[1]]:{pattern}:STEP", c => s.SetStep(InRange(c, 0, -2 * lim, 2 * lim, unit: u)), c => Level(c, s.Step, 0, -2 * lim, 2 * lim));
            t.Add($"[:SOURce[1]]:{pattern}:SPAN", c =>
            {
                double center = 0.5 * (s.Start + s.Stop), span = InRange(c, 0, -2 * lim, 2 * lim, unit: u);
                (s.Start, s.Stop) = (center - span / 2, center + span / 2);
            }, c => Level(c, s.Stop - s.Start, 0, -2 * lim, 2 * lim));
            t.Add($"[:SOURce[1]]:{pattern}:CENTer", c =>
            {
                double span = s.Stop - s.Start, center = InRange(c, 0, -lim, lim, unit: u);
                (s.Start, s.Stop) = (center - span / 2, center + span / 2);
            }, c => Level(c, 0.5 * (s.Start + s.Stop), 0, -lim, lim));
            t.Add($"[:SOURce[1]]:LIST:{pattern}", c =>
            {
                s.List.Clear();
                foreach (var i in Enumerable.Range(0, c.Parameters.Count)) s.List.Add(InRange(c, 0, -lim, lim, i, u));
            }, _ => string.Join(',', s.List.Select(Num)), maxArgs: 100);
            t.Add($"[:SOURce[1]]:LIST:{pattern}:APPend", c =>
            {
                if (s.List.Count + c.Parameters.Count > 100) throw new ScpiException(ScpiError.TooMuchData, "a source list holds at most 100 points");
                foreach (var i in Enumerable.Range(0, c.Parameters.Count)) s.List.Add(InRange(c, 0, -lim, lim, i, u));
            }, maxArgs: 100);
            t.Add($"[:SOURce[1]]:LIST:{pattern}:POINts", query: _ => ScpiFormat.Integer(s.List.Count));
        }
        t.Add("[:SOURce[1]]:SWEep:POINts", c => ActiveSweep.Points = Count(c, 2500), _ => ScpiFormat.Integer(ActiveSweep.Points));
        t.Add("[:SOURce[1]]:SWEep:SPACing", c => LogSpacing = Arg(c).AsChoice("LINear", "LOGarithmic") == "LOG", _ => LogSpacing ? "LOG" : "LIN");
        t.Add("[:SOURce[1]]:SWEep:DIRection", c => SweepDown = Arg(c).AsChoice("UP", "DOWN") == "DOWN", _ => SweepDown ? "DOWN" : "UP");
        AddStoredChoice("[:SOURce[1]]:SWEep:RANGing", "SOUR:SWE:RANG", "BEST", "BEST", "AUTO", "FIXed");
        AddStoredChoice("[:SOURce[1]]:SWEep:CABort", "SOUR:SWE:CAB", "NEV", "NEVer", "EARLy", "LATE");
    }
}
