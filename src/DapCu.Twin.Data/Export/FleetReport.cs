using System.Globalization;
using System.Text;
using System.Text.Json;
using DapCu.Twin.Data.Replay;

namespace DapCu.Twin.Data.Export;

/// <summary>Writes runs/compare-&lt;folder&gt;/ for a fleet: fleet.csv (bands per cycle), cells.csv, report.md,
/// summary.json, the band plot, and each cell's own comparison folder under cells/.</summary>
public static class FleetReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(FleetComparison f, string outRoot, string name)
    {
        var folder = CompareReport.FolderFor(outRoot, name);
        AtomicOutput.WriteFolder(folder, temp =>
        {
            var cycles = new StringBuilder("cycle,cells,capacity_p5_mAh,capacity_p50_mAh,capacity_p95_mAh,twin_capacity_mAh,ce_p5,ce_p50,ce_p95,twin_ce\n");
            foreach (var k in f.Cycles)
                cycles.Append(string.Create(Inv, $"{k.Cycle},{k.Cells},{k.Capacity.P5:G6},{k.Capacity.P50:G6},{k.Capacity.P95:G6},{k.Twin_mAh:G6},{k.Ce.P5:G6},{k.Ce.P50:G6},{k.Ce.P95:G6},{k.TwinCe:G6}\n"));
            File.WriteAllText(Path.Combine(temp, "fleet.csv"), cycles.ToString());
            var cells = new StringBuilder("cell,path,voltage_rmse_V,capacity_robust_z,ce_robust_z,cycles_outside_band,outlier,reason\n");
            foreach (var c in f.Cells)
                cells.Append(string.Create(Inv, $"{c.Name},\"{c.Path}\",{c.Comparison.VoltageRmse_V:G6},{c.CapacityZ:F2},{c.CeZ:F2},{c.CyclesOutsideBand},{c.Outlier},\"{c.Reason}\"\n"));
            File.WriteAllText(Path.Combine(temp, "cells.csv"), cells.ToString());
            File.WriteAllText(Path.Combine(temp, "summary.json"), JsonSerializer.Serialize(Summary(f), CompareReport.Json));
            File.WriteAllText(Path.Combine(temp, "report.md"), Markdown(f, name));
            ComparePlots.FleetBand(f, temp);
            foreach (var c in f.Cells) CompareReport.Write(c.Comparison, Path.Combine(temp, "cells"));
        });
        return folder;
    }

    public static object Summary(FleetComparison f) => new
    {
        cells = f.Cells.Select(c => new { name = c.Name, path = c.Path, voltageRmse_V = c.Comparison.VoltageRmse_V, capacityZ = c.CapacityZ, ceZ = c.CeZ, c.CyclesOutsideBand, outlier = c.Outlier, reason = c.Reason }),
        outliers = f.Cells.Where(c => c.Outlier).Select(c => c.Name),
        cycles = f.Cycles,
    };

    private static string Markdown(FleetComparison f, string name)
    {
        var sb = new StringBuilder($"# Fleet {name}: {f.Cells.Count} cells against the twin\n\n");
        sb.AppendLine($"Capacity is what each cell gives back per cycle ({(f.ChargeFirst ? "discharge" : "stripping charge")}). Outliers: robust z-score beyond {FleetComparison.ZLimit} in median capacity or CE" +
                      $"{(f.Cells.Count >= FleetComparison.BandMinimumCells ? ", or outside p5-p95 in half the cycles" : $" (the p5-p95 rule needs at least {FleetComparison.BandMinimumCells} cells)")}.\n");
        var outliers = f.Cells.Where(c => c.Outlier).ToList();
        sb.AppendLine(outliers.Count == 0 ? "**No outlier cells.**\n" : $"**Outliers ({outliers.Count}):** " + string.Join(", ", outliers.Select(o => $"{o.Name} ({o.Reason})")) + "\n");
        sb.AppendLine("| cell | V RMSE mV | capacity z | CE z | cycles outside band | outlier |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var c in f.Cells)
            sb.AppendLine(string.Create(Inv, $"| {c.Name} | {c.Comparison.VoltageRmse_V * 1000:F2} | {c.CapacityZ:F2} | {c.CeZ:F2} | {c.CyclesOutsideBand} | {(c.Outlier ? "**yes**" : "")} |"));
        sb.AppendLine("\n| cycle | cells | capacity mAh p5 / p50 / p95 | twin mAh | CE % p5 / p50 / p95 | twin CE % |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var k in f.Cycles)
            sb.AppendLine(string.Create(Inv, $"| {k.Cycle} | {k.Cells} | {k.Capacity.P5:F4} / {k.Capacity.P50:F4} / {k.Capacity.P95:F4} | {k.Twin_mAh:F4} | {k.Ce.P5 * 100:F2} / {k.Ce.P50 * 100:F2} / {k.Ce.P95 * 100:F2} | {k.TwinCe * 100:F2} |"));
        sb.AppendLine("\n![fleet capacity](fleet-capacity.png)");
        return sb.ToString();
    }
}
