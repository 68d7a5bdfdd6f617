using DapCu.Twin.Data.Replay;
using DapCu.Twin.Physics.Parameters;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace DapCu.Twin.Data.Fitting;

/// <summary>
/// Fits chosen parameters so the twin's replay of a measured file matches its voltage (and optionally its
/// capacity per cycle): bounded Levenberg-Marquardt (MathNet) on log(parameter). Confidence intervals come from
/// the Jacobian at the optimum, cov = s^2 (J^T J)^-1 with s^2 = SSR / (n - p), and Student's t.
/// </summary>
public sealed class ParameterFit
{
    private readonly CyclerTable _table;
    private readonly TwinCell _cell;
    private readonly FitOptions _options;
    private readonly (string Path, double Value, ParamAttribute Meta)[] _params;
    private readonly double[] _measuredCapacity_mAh;
    public int Replays { get; private set; }

    public ParameterFit(CyclerTable table, TwinCell cell, IReadOnlyList<string> paths, FitOptions? options = null)
    {
        if (paths.Count == 0) throw new ArgumentException("--params: expected at least one parameter path, e.g. dap.interface_resistance_ohm_cm2");
        _table = table;
        _cell = cell;
        _options = options ?? new FitOptions();
        _params = paths.Select(p => ParameterPaths.Resolve(cell.Parameters, p)).ToArray();
        var duplicate = _params.GroupBy(p => p.Path).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"--params: '{duplicate.Key}' is listed twice");
        for (var i = 0; i < _params.Length; i++)
        {
            if (_options.Start?.FirstOrDefault(s => ParameterPaths.Resolve(cell.Parameters, s.Key).Path == _params[i].Path) is { Key: not null } s)
                _params[i].Value = s.Value;
            if (!(_params[i].Value > 0))
                throw new ArgumentException($"--params: '{_params[i].Path}' starts at {_params[i].Value}; the fit works on log(value) and needs a positive start value");
        }
        _measuredCapacity_mAh = _options.CapacityWeight_V_per_mAh > 0 ? Capacities_mAh(Comparison.Of(Replayer.Run(table, cell, _options.Replay)), twin: false) : [];
    }

    public FitResult Run()
    {
        var start = Vector<double>.Build.Dense(_params.Select(p => Math.Log(p.Value)).ToArray());
        var lower = Vector<double>.Build.Dense(_params.Select(p => Math.Log(p.Value * _options.LowerFactor)).ToArray());
        var upper = Vector<double>.Build.Dense(_params.Select(p => Math.Log(p.Value * _options.UpperFactor)).ToArray());
        var before = Residuals(start);
        var x = Vector<double>.Build.Dense(before.Length, i => i);
        var zeros = Vector<double>.Build.Dense(before.Length);
        // MathNet minimises |y - f(theta)|^2; with y = 0 and f = residuals that is the sum of squared residuals.
        var objective = ObjectiveFunction.NonlinearModel((theta, _) => Vector<double>.Build.Dense(Residuals(theta)), x, zeros, accuracyOrder: 2);
        var minimizer = new LevenbergMarquardtMinimizer(maximumIterations: _options.MaxIterations);
        var result = minimizer.FindMinimum(objective, start, lower, upper);
        var best = result.MinimizingPoint;
        var after = Residuals(best);
        var (se, correlation) = Uncertainty(best, after);
        var t = StudentT.InvCDF(0, 1, Math.Max(1, after.Length - _params.Length), 0.975);
        var fitted = _params.Select((p, i) => new FittedParameter(p.Path, p.Meta.Unit, p.Meta.Source, p.Value, Math.Exp(best[i]), Math.Exp(best[i]) * se[i],
            Math.Exp(best[i] - t * se[i]), Math.Exp(best[i] + t * se[i]), Math.Exp(lower[i]), Math.Exp(upper[i]))).ToList();
        return new FitResult(_cell, _table.SourcePath ?? "<table>", Apply(best), fitted, VoltageRms(before), VoltageRms(after),
            after.Length, result.Iterations, Replays, result.ReasonForExit.ToString(), correlation);
    }

    /// <summary>
    /// Profile of one fitted parameter: held at <paramref name="points"/> values spread evenly in log over
    /// [value / spread, value * spread], the other parameters refitted at each. A flat RMS means the data do not
    /// fix it; partners that swing along the profile are what it trades off with.
    /// </summary>
    public IReadOnlyList<ProfilePoint> Profile(FitResult fit, string path, int points = 7, double spread = 2)
    {
        var target = ParameterPaths.Resolve(_cell.Parameters, path).Path;
        var held = fit.Parameters.FirstOrDefault(p => p.Path == target)
            ?? throw new ArgumentException($"--profile: '{path}' is not among the fitted --params ({string.Join(", ", fit.Parameters.Select(p => p.Path))})");
        var others = fit.Parameters.Where(p => p.Path != target).Select(p => p.Path).ToList();
        var profile = new List<ProfilePoint>();
        for (int k = 0; k < points; k++)
        {
            double value = held.Value * Math.Pow(spread, 2.0 * k / (points - 1) - 1);
            var cell = _cell.With(fit.Fitted.With(target, value));
            if (others.Count == 0)
            {
                var trace = Replayer.Run(_table, cell, _options.Replay);
                Replays++;
                profile.Add(new ProfilePoint(value, VoltageRms(trace.Residual_V().Select(r => double.IsFinite(r) ? r : 0).ToArray()), new Dictionary<string, double>()));
                continue;
            }
            var refit = new ParameterFit(_table, cell, others, _options with { Start = null }).Run();
            Replays += refit.Replays;
            profile.Add(new ProfilePoint(value, refit.RmseAfter_V, refit.Parameters.ToDictionary(p => p.Path, p => p.Value)));
        }
        return profile;
    }

    private ParameterSet Apply(Vector<double> theta)
    {
        var set = _cell.Parameters;
        for (var i = 0; i < _params.Length; i++) set = set.With(_params[i].Path, Math.Exp(theta[i]));
        return set;
    }

    /// <summary>Twin minus measured voltage at every record, then weighted capacity residuals per cycle.</summary>
    private double[] Residuals(Vector<double> theta)
    {
        Replays++;
        var trace = Replayer.Run(_table, _cell.With(Apply(theta)), _options.Replay);
        var voltage = trace.Residual_V();
        for (var i = 0; i < voltage.Length; i++) if (!double.IsFinite(voltage[i])) voltage[i] = 0; // a missing reading carries no information
        if (_measuredCapacity_mAh.Length == 0) return voltage;
        var twin = Capacities_mAh(Comparison.Of(trace), twin: true);
        var w = _options.CapacityWeight_V_per_mAh;
        return [.. voltage, .. twin.Select((q, i) => w * (q - _measuredCapacity_mAh[i]))];
    }

    private static double[] Capacities_mAh(ComparisonResult c, bool twin) =>
        c.Cycles.SelectMany(k => twin ? new[] { k.TwinCharge_Ah, k.TwinDischarge_Ah } : [k.MeasuredCharge_Ah, k.MeasuredDischarge_Ah]).Select(q => q * 1000).ToArray();

    private double VoltageRms(double[] r)
    {
        var n = _table.Count;
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += r[i] * r[i];
        return Math.Sqrt(sum / n);
    }

    /// <summary>Standard errors of log(parameter) and the correlation matrix, from a central-difference Jacobian.</summary>
    private (double[] Se, double[,] Correlation) Uncertainty(Vector<double> best, double[] r)
    {
        int n = r.Length, p = _params.Length;
        var jac = Matrix<double>.Build.Dense(n, p);
        const double h = 1e-4;
        for (var j = 0; j < p; j++)
        {
            var up = best.Clone(); up[j] += h;
            var down = best.Clone(); down[j] -= h;
            var rUp = Residuals(up);
            var rDown = Residuals(down);
            for (var i = 0; i < n; i++) jac[i, j] = (rUp[i] - rDown[i]) / (2 * h);
        }
        var ssr = r.Sum(v => v * v);
        var s2 = ssr / Math.Max(1, n - p);
        // A tiny ridge keeps (J^T J)^-1 finite when parameters are confounded (two series resistances): their
        // variances then come out huge and their correlation +-1, which is what the flags must report.
        var jtj = jac.TransposeThisAndMultiply(jac);
        var ridge = 1e-12 * Math.Max(jtj.Diagonal().Maximum(), double.Epsilon);
        var cov = (jtj + Matrix<double>.Build.DenseIdentity(p) * ridge).Inverse() * s2;
        var se = Enumerable.Range(0, p).Select(i => Math.Sqrt(Math.Max(cov[i, i], 0))).ToArray();
        var corr = new double[p, p];
        for (var a = 0; a < p; a++)
        for (var b = 0; b < p; b++) corr[a, b] = cov[a, b] / (se[a] * se[b]);
        return (se, corr);
    }
}
