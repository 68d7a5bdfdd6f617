using System.Globalization;
using System.Text;
using System.Text.Json;
using DapCu.Twin.Data.Replay;

namespace DapCu.Twin.Data.Export;

/// <summary>
/// Writes runs/compare-&lt;name&gt;/: residuals.csv (every record), cycles.csv (per-cycle table), report.md,
/// summary.json and overlay plots (PNG + SVG). The folder is filled beside the destination and swapped in whole.
/// </summary>
public static class CompareReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string FolderFor(string outRoot, string name) => Path.Combine(outRoot, $"compare-{name}");

    public static string Write(ComparisonResult c, string outRoot)
    {
        var folder = FolderFor(outRoot, c.Trace.Name);
        AtomicOutput.WriteFolder(folder, temp =>
        {
            WriteResiduals(c.Trace, Path.Combine(temp, "residuals.csv"));
            File.WriteAllText(Path.Combine(temp, "cycles.csv"), CyclesCsv(c.Cycles));
            File.WriteAllText(Path.Combine(temp, "summary.json"), JsonSerializer.Serialize(Summary(c), Json));
            File.WriteAllText(Path.Combine(temp, "report.md"), Markdown(c));
            ComparePlots.Voltage(c, temp);
            ComparePlots.Capacity(c, temp);
        });
        return folder;
    }

    private static void WriteResiduals(ReplayTrace t, string path)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.Write("time_s,cycle,measured_current_A,twin_current_A,measured_voltage_V,twin_voltage_V,twin_ocv_V,residual_V\n");
        for (var i = 0; i < t.Count; i++)
            w.Write(string.Create(Inv, $"{t.Time_s[i]:R},{t.Cycle[i]},{t.MeasuredCurrent_A[i]:R},{t.TwinCurrent_A[i]:R},{t.MeasuredVoltage_V[i]:R},{t.TwinVoltage_V[i]:R},{t.TwinOcv_V[i]:R},{t.TwinVoltage_V[i] - t.MeasuredVoltage_V[i]:R}\n"));
    }

    public static string CyclesCsv(IEnumerable<CycleComparison> cycles)
    {
        var sb = new StringBuilder("cycle,records,voltage_rmse_V,measured_charge_Ah,twin_charge_Ah,measured_discharge_Ah,twin_discharge_Ah,measured_ce,twin_ce,ce_error,measured_overpotential_V,twin_overpotential_V,overpotential_error_V\n");
        foreach (var k in cycles)
            sb.Append(string.Create(Inv, $"{k.Cycle},{k.Records},{k.VoltageRmse_V:G6},{k.MeasuredCharge_Ah:G8},{k.TwinCharge_Ah:G8},{k.MeasuredDischarge_Ah:G8},{k.TwinDischarge_Ah:G8},{k.MeasuredCe:G6},{k.TwinCe:G6},{k.CeError:G6},{k.MeasuredOverpotential_V:G6},{k.TwinOverpotential_V:G6},{k.OverpotentialError_V:G6}\n"));
        return sb.ToString();
    }

    public static object Summary(ComparisonResult c) => new
    {
        data = c.Trace.DataPath,
        cell = c.Trace.Cell.Source,
        mode = c.Trace.Mode.ToString(),
        area_cm2 = c.Trace.Area_cm2,
        records = c.Trace.Count,
        cycleCount = c.Cycles.Count,
        ceReference = c.ChargeFirst ? "discharge/charge" : "charge/discharge",
        voltageRmse_V = c.VoltageRmse_V,
        meanAbsCeError = MeanAbs(c.Cycles.Select(k => k.CeError)),
        meanAbsOverpotentialError_V = MeanAbs(c.Cycles.Select(k => k.OverpotentialError_V)),
        twinShorted = c.Trace.TwinShorted,
        cycles = c.Cycles,
    };

    private static string Markdown(ComparisonResult c)
    {
        var t = c.Trace;
        var sb = new StringBuilder();
        sb.AppendLine($"# Compare {t.Name} against the twin");
        sb.AppendLine();
        sb.AppendLine($"- data: `{t.DataPath}` ({t.Count} records, {c.Cycles.Count} cycles)");
        sb.AppendLine($"- twin: {t.Cell.Source}, design {t.Cell.Design.Kind}/{t.Cell.Design.Substrate}, parameters {t.Cell.Parameters.Name}");
        sb.AppendLine(string.Create(Inv, $"- replay: {(t.Mode == ReplayMode.Current ? "measured current" : "scenario protocol (file has no current)")}, area {t.Area_cm2:G4} cm2"));
        sb.AppendLine(string.Create(Inv, $"- voltage RMSE over all records: **{c.VoltageRmse_V * 1000:F2} mV**"));
        if (t.TwinShorted) sb.AppendLine("- the twin shorted during the replay");
        sb.AppendLine();
        sb.AppendLine(t.Mode == ReplayMode.Current
            ? "Twin capacity: charge passed until the twin crossed the voltage a half cycle ended on (half cycles ending at their voltage extreme count as cut off); a twin that would have gone on is credited the measured charge. CE: " + (c.ChargeFirst ? "discharge/charge." : "charge/discharge (stripped/plated).")
            : "Twin capacity: charge passed by the twin under the protocol in the same cycle.");
        sb.AppendLine("Overpotential: mean |V - OCV| over records with current, both against the twin's OCV.");
        sb.AppendLine();
        sb.AppendLine("| cycle | V RMSE mV | charge mAh (meas / twin) | discharge mAh (meas / twin) | CE % (meas / twin) | overpotential mV (meas / twin) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var k in c.Cycles)
            sb.AppendLine(string.Create(Inv, $"| {k.Cycle} | {k.VoltageRmse_V * 1000:F2} | {k.MeasuredCharge_Ah * 1000:F4} / {k.TwinCharge_Ah * 1000:F4} | {k.MeasuredDischarge_Ah * 1000:F4} / {k.TwinDischarge_Ah * 1000:F4} | {k.MeasuredCe * 100:F2} / {k.TwinCe * 100:F2} | {k.MeasuredOverpotential_V * 1000:F1} / {k.TwinOverpotential_V * 1000:F1} |"));
        sb.AppendLine();
        sb.AppendLine("![voltage](voltage.png)");
        sb.AppendLine();
        sb.AppendLine("![capacity](capacity.png)");
        return sb.ToString();
    }

    private static double MeanAbs(IEnumerable<double> x)
    {
        var f = x.Where(double.IsFinite).ToArray();
        return f.Length == 0 ? double.NaN : f.Average(Math.Abs);
    }
}
