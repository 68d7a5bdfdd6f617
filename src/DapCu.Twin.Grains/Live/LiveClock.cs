namespace DapCu.Twin.Grains.Live;

/// <summary>How a live fleet's cell time runs: as fast as the silo can, or anchored to the wall clock.</summary>
public enum ClockMode { Accelerated, WallClock }

/// <summary>
/// A live fleet's clock. Wall-clock mode: cell time = AnchorCell_s + Scale x (wall - AnchorWall), so a change
/// of scale re-anchors at the moment of the change and cell time never jumps. Accelerated mode has no
/// common time: every cell runs ahead as fast as the shard's work budget allows. Paused: cell time stands.
/// Pure value (no clock of its own): callers pass the wall time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveClock(
    [property: Id(0)] ClockMode Mode,
    [property: Id(1)] double Scale,
    [property: Id(2)] DateTimeOffset AnchorWall,
    [property: Id(3)] double AnchorCell_s,
    [property: Id(4)] bool Paused)
{
    public const double MinScale = 1.0;
    public const double MaxScale = 100_000.0;

    public static LiveClock Accelerated(DateTimeOffset now) => new(ClockMode.Accelerated, 0, now, 0, false);

    public static LiveClock WallClock(double scale, DateTimeOffset now) => new(ClockMode.WallClock, CheckScale(scale), now, 0, false);

    /// <summary>The cell time every cell may run to now: +inf when accelerated and running.</summary>
    public double CellTime_s(DateTimeOffset now) => Paused ? (Mode == ClockMode.Accelerated ? double.NegativeInfinity : AnchorCell_s)
        : Mode == ClockMode.Accelerated ? double.PositiveInfinity
        : AnchorCell_s + Scale * Math.Max(0.0, (now - AnchorWall).TotalSeconds);

    /// <summary>The wall time at which cell time reaches t (wall-clock mode, running).</summary>
    public DateTimeOffset WallTimeOf(double cellTime_s) =>
        AnchorWall + TimeSpan.FromSeconds(Math.Clamp((cellTime_s - AnchorCell_s) / Scale, 0.0, 86400.0 * 365));

    /// <summary>Changes mode and scale from now on. <paramref name="fleetTime_s"/> is where an accelerated fleet
    /// stands (its slowest running cell), the anchor when it switches to the wall clock.</summary>
    public LiveClock Rescale(ClockMode mode, double scale, DateTimeOffset now, double fleetTime_s) => mode == ClockMode.Accelerated
        ? this with { Mode = mode, Scale = 0, AnchorWall = now }
        : this with { Mode = mode, Scale = CheckScale(scale), AnchorWall = now, AnchorCell_s = Mode == ClockMode.WallClock ? CellTime_s(now) : fleetTime_s };

    public LiveClock Pause(DateTimeOffset now) => Paused ? this : this with { Paused = true, AnchorCell_s = Mode == ClockMode.WallClock ? CellTime_s(now) : AnchorCell_s, AnchorWall = now };

    public LiveClock Resume(DateTimeOffset now) => Paused ? this with { Paused = false, AnchorWall = now } : this;

    private static double CheckScale(double scale) =>
        scale is >= MinScale and <= MaxScale ? scale
        : throw new ArgumentOutOfRangeException(nameof(scale), scale, $"a time scale from {MinScale:G} to {MaxScale:G} (x real time)");
}
