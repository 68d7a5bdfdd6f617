using DapCu.Twin.Scenarios.Execution;
using MathNet.Numerics.Random;

namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>One fleet member: its index, the seed of its own random stream, and its drawn parameters.</summary>
public sealed record FleetCell(int Index, int Seed, IReadOnlyList<ParameterOverride> Overrides);

/// <summary>
/// Draws fleet members. Each cell's stream is seeded from (fleet seed, cell index) alone, so a cell's
/// parameters do not depend on how the fleet is sharded or in which order cells are drawn, and cell k
/// of the DAP fleet and cell k of the PL fleet get the same draws (a paired comparison).
/// </summary>
public sealed class FleetSampler(FleetSpec spec, Func<string, double> nominalValue)
{
    private readonly double[] _nominal = spec.Spreads.Select(s => nominalValue(s.Key)).ToArray();

    public FleetCell Draw(int index)
    {
        int seed = CellSeed(spec.Seed, index);
        var rng = new Xoshiro256StarStar(seed, threadSafe: false);
        var overrides = new ParameterOverride[spec.Spreads.Count];
        for (int i = 0; i < overrides.Length; i++)
            overrides[i] = new ParameterOverride(spec.Spreads[i].Key, spec.Spreads[i].Spread.Sample(_nominal[i], rng));
        return new FleetCell(index, seed, overrides);
    }

    /// <summary>SplitMix64 finaliser over (fleet seed, index): well-mixed, independent streams per cell.</summary>
    public static int CellSeed(int fleetSeed, int index)
    {
        ulong z = ((ulong)(uint)fleetSeed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
