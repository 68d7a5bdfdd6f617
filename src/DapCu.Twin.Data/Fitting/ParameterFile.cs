using System.Globalization;
using System.Text;
using DapCu.Twin.Data.Export;

namespace DapCu.Twin.Data.Fitting;

/// <summary>
/// Writes a fit as a YAML mapping of parameter path: value, the form a scenario loads with
/// 'parameters: { file: fitted.yaml }'. Comments carry the interval, the start value and where the data came from.
/// </summary>
public static class ParameterFile
{
    public static void Write(FitResult fit, string path) =>
        AtomicOutput.WriteFile(path, temp => File.WriteAllText(temp, Format(fit), new UTF8Encoding(false)));

    public static string Format(FitResult fit)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Parameters fitted by dapcu fit; load in a scenario with  parameters: { file: <this file> }");
        sb.AppendLine($"# data: {fit.DataPath}");
        sb.AppendLine($"# cell: {fit.Cell.Source} (base set {fit.Cell.Parameters.Name})");
        sb.AppendLine(string.Create(inv, $"# voltage RMS residual: {fit.RmseBefore_V * 1000:F3} mV before, {fit.RmseAfter_V * 1000:F3} mV after ({fit.Residuals} residuals, {fit.Iterations} iterations, {fit.ExitReason})"));
        sb.AppendLine("# 95 % intervals from the Jacobian at the optimum (cov = s^2 (J^T J)^-1, in log(value))");
        for (int i = 0; i < fit.Parameters.Count; i++)
            foreach (var flag in fit.Flags(i)) sb.AppendLine($"# warning: {fit.Parameters[i].Path}: {flag}");
        foreach (var p in fit.Parameters)
        {
            sb.Append(string.Create(inv, $"{p.Path}: {p.Value:R}"));
            sb.Append(string.Create(inv, $"  # 95 % CI [{p.Lower95:G5}, {p.Upper95:G5}] {p.Unit}; start {p.Start:G5}"));
            if (p.AtBound) sb.Append(string.Create(inv, $"; AT BOUND [{p.LowerBound:G4}, {p.UpperBound:G4}]"));
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
