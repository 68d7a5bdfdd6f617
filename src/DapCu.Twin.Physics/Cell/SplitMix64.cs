namespace DapCu.Twin.Physics.Cell;

/// <summary>The cell's own seeded generator (SplitMix64), kept in its state so snapshots and
/// replays draw the same numbers.</summary>
public static class SplitMix64
{
    public static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public static double NextUniform(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller).</summary>
    public static double NextNormal(ref ulong state)
    {
        var u1 = 1.0 - NextUniform(ref state);
        var u2 = NextUniform(ref state);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
