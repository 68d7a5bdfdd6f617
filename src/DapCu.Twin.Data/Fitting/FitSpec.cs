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
    double[,] Correlation);

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
