using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace DapCu.Twin.Cli;

/// <summary>
/// Progress for runs nobody watches live (piped, --json): one line per scenario when its phase changes,
/// when it has moved another 10 %, and at least every <see cref="Heartbeat"/> while it runs, with the time
/// it has taken and an estimate of what is left. Lines go to stdout when piped, to stderr with --json (whose
/// stdout is one JSON document).
/// </summary>
public sealed class ProgressLines : IDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    private sealed class State(Stopwatch clock)
    {
        public Stopwatch Clock { get; } = clock;
        public string Phase { get; set; } = "starting";
        public double Fraction { get; set; }
        public string? PrintedPhase { get; set; }
        public double PrintedFraction { get; set; } = -1;
        public TimeSpan PrintedAt { get; set; }
    }

    private readonly ConcurrentDictionary<string, State> _running = new();
    private readonly TextWriter _out;
    private readonly Timer _timer;
    private readonly Lock _gate = new();

    public ProgressLines(TextWriter output)
    {
        _out = output;
        _timer = new Timer(_ => Beat(), null, Heartbeat, Heartbeat);
    }

    public void Report(string scenario, string phase, double fraction)
    {
        var s = _running.GetOrAdd(scenario, _ => new State(Stopwatch.StartNew()));
        lock (_gate)
        {
            (s.Phase, s.Fraction) = (phase, fraction);
            if (phase != s.PrintedPhase || fraction >= s.PrintedFraction + 0.1) Print(scenario, s);
        }
    }

    public void Finished(string scenario) => _running.TryRemove(scenario, out _);

    private void Beat()
    {
        lock (_gate)
            foreach (var (name, s) in _running)
                if (s.Clock.Elapsed - s.PrintedAt >= Heartbeat - TimeSpan.FromMilliseconds(250)) Print(name, s);
    }

    private void Print(string name, State s)
    {
        var elapsed = s.Clock.Elapsed;
        var left = s.Fraction is > 0.001 and < 1 ? $", about {Clock(elapsed * ((1 - s.Fraction) / s.Fraction))} left" : "";
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"progress: {name}: {s.Phase} {100 * s.Fraction:F1} %, {Clock(elapsed)} elapsed{left}"));
        _out.Flush();
        (s.PrintedPhase, s.PrintedFraction, s.PrintedAt) = (s.Phase, s.Fraction, elapsed);
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : $"{t:m\\:ss}";

    public void Dispose() => _timer.Dispose();
}
