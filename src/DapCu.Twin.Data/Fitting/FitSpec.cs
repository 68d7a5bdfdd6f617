using DapCu.Twin.Data.Replay;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Data.Fitting;

public sealed record FitOptions
{
    /// <summary>Each parameter stays within [LowerFactor, UpperFactor] times its start value.</summary>
    public double LowerFactor { get; init; } = 0.1;
    public double UpperFactor { get; init; } = 10.0;
    public int MaxIterations { get; init; } = 60;
    /// <summary>Also fit capacity per cycle: residual of (twin - measured) capacity in mAh times this weight (V/mAh); 0 fits voltage only.</summary>
    public double CapacityWeight_V_per_mAh { get; init; }
    /// <summary>Start values by path; others start at the cell's own values.</summary>
    public IReadOnlyDictionary<string, double>? Start { get; init; }
    public ReplayOptions Replay { get; init; } = new();
}

/// <summary>One fitted parameter. The fit works in log(value), so the interval is asymmetric and stays positive.</summary>
public sealed record FittedParameter(string Path, string Unit, string Source, double Start, double Value, double StandardError,
    double Lower95, double Upper95, double LowerBound, double UpperBound)
{
    public bool AtBound => Value <= LowerBound * (1 + 1e-6) || Value >= UpperBound * (1 - 1e-6);
    public bool Covers(double truth) => truth >= Lower95 && truth <= Upper95;
}

public sealed record FitResult(
    TwinCell Cell, string DataPath, ParameterSet Fitted, IReadOnlyList<FittedParameter> Parameters,
    double RmseBefore_V, double RmseAfter_V, int Residuals, int Iterations, int Replays, string ExitReason,
    double[,] Correlation)
{
    /// <summary>|correlation| above this makes a pair's values trade off against each other: not identifiable apart.</summary>
    public const double CorrelationLimit = 0.95;
    /// <summary>A 95 % interval wider than this ratio (upper/lower) says the data hardly determine the value.</summary>
    public const double WideRatio = 4;
    /// <summary>Upper and lower half-widths differing by more than this factor: the linearised interval is not to be trusted.</summary>
    public const double AsymmetryRatio = 2;

    /// <summary>Why each parameter's value should not be taken at face value (empty when it is well determined).</summary>
    public IReadOnlyList<string> Flags(int i)
    {
        var p = Parameters[i];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var flags = new List<string>();
        if (p.AtBound) flags.Add(string.Create(inv, $"at a bound of [{p.LowerBound:G4}, {p.UpperBound:G4}]"));
        if (!double.IsFinite(p.StandardError) || !double.IsFinite(p.Upper95) || p.Lower95 <= 0)
            flags.Add("not identifiable: the residuals do not determine it (singular Jacobian)");
        else
        {
            if (p.Upper95 / p.Lower95 > WideRatio) flags.Add(string.Create(inv, $"not identifiable: 95 % interval spans a factor {p.Upper95 / p.Lower95:G3}"));
            double up = p.Upper95 - p.Value, down = p.Value - p.Lower95;
            if (down > 0 && (up / down > AsymmetryRatio || down / up > AsymmetryRatio))
                flags.Add(string.Create(inv, $"asymmetric interval (+{up:G3} / -{down:G3} {p.Unit})"));
        }
        for (int j = 0; j < Parameters.Count; j++)
            if (j != i && Math.Abs(Correlation[i, j]) > CorrelationLimit)
                flags.Add(string.Create(inv, $"correlated with {Parameters[j].Path} (r = {Correlation[i, j]:F3}): the two trade off, only a combination is determined"));
        return flags;
    }
}

/// <summary>One point of a profile: the profiled parameter held at <see cref="Value"/>, the others refitted.</summary>
public sealed record ProfilePoint(double Value, double Rmse_V, IReadOnlyDictionary<string, double> Others);

/// <summary>Canonical names and values of parameter paths as the user types them (aliases like 'pl.' allowed).</summary>
internal static class ParameterPaths
{
    public static (string Path, double Value, ParamAttribute Meta) Resolve(ParameterSet set, string path)
    {
        // With() knows the aliases and names the valid paths when this one is wrong; the canonical name is
        // whichever entry it changed.
        const double Probe = 8.314159e37;
        ParameterSet probed;
        try { probed = set.With(path.Trim(), Probe); }
        catch (ArgumentException e) { throw new ArgumentException($"--params: {e.Message}", e); }
        var hit = probed.Enumerate().First(p => p.Value == Probe);
        var now = set.Enumerate().First(p => p.Path == hit.Path);
        return now;
    }
}
