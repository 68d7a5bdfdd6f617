namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>
/// A histogram over fixed bins on [Min, Max) plus an under- and an overflow bin. Histograms with the same
/// bins merge by adding counts, so shards summarise their cells and a fleet adds the summaries up: the
/// merged percentiles are those of the whole fleet to within one bin width, whatever the sharding.
/// </summary>
public sealed class FixedHistogram
{
    public FixedHistogram(double min, double max, int bins)
        : this(min, max, new long[bins + 2], 0, 0) { }

    /// <summary>Rebuilds a histogram from its parts (e.g. after crossing a wire).</summary>
    public FixedHistogram(double min, double max, long[] counts, double sum, double sumOfSquares)
    {
        if (!(max > min) || counts.Length < 3) throw new ArgumentException("a histogram needs max > min and at least one bin");
        Min = min;
        Max = max;
        Counts = counts;
        Sum = sum;
        SumOfSquares = sumOfSquares;
    }

    public double Min { get; }
    public double Max { get; }
    public int Bins => Counts.Length - 2;
    public double BinWidth => (Max - Min) / Bins;

    /// <summary>[0] below Min, [1..Bins] the bins, [Bins + 1] at or above Max.</summary>
    public long[] Counts { get; }

    public double Sum { get; private set; }
    public double SumOfSquares { get; private set; }
    public long Total => Counts.Sum();
    public double Mean => Total == 0 ? double.NaN : Sum / Total;

    public void Add(double value)
    {
        if (!double.IsFinite(value)) return;
        int bin = value < Min ? 0 : value >= Max ? Bins + 1 : 1 + Math.Min(Bins - 1, (int)((value - Min) / BinWidth));
        Counts[bin]++;
        Sum += value;
        SumOfSquares += value * value;
    }

    public void Merge(FixedHistogram other)
    {
        if (other.Min != Min || other.Max != Max || other.Bins != Bins)
            throw new InvalidOperationException("only histograms with the same bins can be merged");
        for (int i = 0; i < Counts.Length; i++) Counts[i] += other.Counts[i];
        Sum += other.Sum;
        SumOfSquares += other.SumOfSquares;
    }

    /// <summary>The p-quantile (0..1), interpolated linearly inside its bin. Values in the under/overflow
    /// bins are reported as Min/Max. NaN when empty.</summary>
    public double Quantile(double p)
    {
        long total = Total;
        if (total == 0) return double.NaN;
        double rank = p * total;
        long below = 0;
        for (int i = 0; i < Counts.Length; i++)
        {
            long c = Counts[i];
            if (c > 0 && below + c >= rank)
            {
                if (i == 0) return Min;
                if (i == Bins + 1) return Max;
                double lower = Min + (i - 1) * BinWidth;
                return lower + BinWidth * Math.Clamp((rank - below) / c, 0, 1);
            }
            below += c;
        }
        return Max;
    }

    public FixedHistogram EmptyCopy() => new(Min, Max, Bins);
}
