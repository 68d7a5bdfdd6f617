using MathNet.Numerics.Distributions;

namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>Cell-to-cell spread of one parameter around its nominal value.</summary>
public abstract record Spread
{
    /// <summary>Draws the value of one cell. Physical parameters stay positive: a normal draw that
    /// would cross zero is drawn again (a truncated normal).</summary>
    public abstract double Sample(double nominal, Random rng);
}

/// <summary>nominal + N(0, sd); <c>sd</c> in the parameter's own unit, or <c>rel_sd</c> as a fraction of nominal.</summary>
public sealed record NormalSpread(double? Sd, double? RelativeSd) : Spread
{
    public override double Sample(double nominal, Random rng)
    {
        double sd = Sd ?? RelativeSd!.Value * Math.Abs(nominal);
        for (int attempt = 0; attempt < 64; attempt++)
        {
            double value = Normal.Sample(rng, nominal, sd);
            if (nominal <= 0 || value > 0) return value;
        }
        return nominal;
    }
}

/// <summary>nominal × exp(N(0, sigma)): multiplicative spread with the nominal value as median.</summary>
public sealed record LogNormalSpread(double Sigma) : Spread
{
    public override double Sample(double nominal, Random rng) => nominal * LogNormal.Sample(rng, 0, Sigma);
}

/// <summary>Uniform on [min, max], or on nominal ± half_width.</summary>
public sealed record UniformSpread(double? Min, double? Max, double? HalfWidth) : Spread
{
    public override double Sample(double nominal, Random rng) => HalfWidth is { } h
        ? ContinuousUniform.Sample(rng, nominal - h, nominal + h)
        : ContinuousUniform.Sample(rng, Min!.Value, Max!.Value);
}
