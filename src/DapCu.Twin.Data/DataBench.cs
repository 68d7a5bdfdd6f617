using System.Diagnostics;
using DapCu.Twin.Data.Export;

namespace DapCu.Twin.Data;

public sealed record DataBenchResult(long FileBytes, long Rows, double WriteSeconds, double ReadSeconds, long PeakWorkingSetBytes, long ManagedHeapBytes)
{
    public double WriteMBps => FileBytes / 1e6 / WriteSeconds;
    public double ReadMBps => FileBytes / 1e6 / ReadSeconds;
    public double RowsPerSecond => Rows / ReadSeconds;
}

/// <summary>
/// Import throughput: writes a large synthetic BDF CSV (seeded cycling data), then streams it back through
/// <see cref="CyclerDataReader"/>. Goal: at least 200 MB/s for BDF CSV, in flat memory.
/// </summary>
public static class DataBench
{
    public static DataBenchResult Run(string? directory = null, long targetBytes = 200_000_000, TextWriter? log = null)
    {
        log ??= TextWriter.Null;
        directory ??= Path.GetTempPath();
        var path = Path.Combine(directory, $"dapcu-bench-{Environment.ProcessId}.bdf.csv");
        try
        {
            var write = Stopwatch.StartNew();
            Generate(path, targetBytes);
            write.Stop();
            long bytes = new FileInfo(path).Length;
            log.WriteLine($"wrote {bytes / 1e6:F0} MB of BDF CSV in {write.Elapsed.TotalSeconds:F2} s ({bytes / 1e6 / write.Elapsed.TotalSeconds:F0} MB/s)");

            GC.Collect();
            var read = Stopwatch.StartNew();
            long rows = 0;
            double checksum = 0;
            using (var reader = CyclerDataReader.Open(path))
            {
                foreach (var row in reader)
                {
                    rows++;
                    checksum += row.Current_A;
                }
            }
            read.Stop();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var result = new DataBenchResult(bytes, rows, write.Elapsed.TotalSeconds, read.Elapsed.TotalSeconds, process.PeakWorkingSet64, GC.GetTotalMemory(false));
            log.WriteLine($"read {rows:N0} records in {result.ReadSeconds:F2} s: {result.ReadMBps:F0} MB/s, {result.RowsPerSecond / 1e6:F2} M records/s " +
                          $"(peak working set {result.PeakWorkingSetBytes / 1e6:F0} MB, managed heap {result.ManagedHeapBytes / 1e6:F0} MB, checksum {checksum:G6})");
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Galvanostatic cycling at 1 s sampling with measurement noise, written by <see cref="BdfWriter"/>.</summary>
    internal static void Generate(string path, long targetBytes)
    {
        var random = new Random(6);
        var columns = DataColumns.Cycle | DataColumns.Step | DataColumns.StepType | DataColumns.ChargeCapacity | DataColumns.DischargeCapacity;
        using var writer = BdfWriter.Create(path, columns);
        var file = new FileInfo(path);
        double t = 0, charge = 0, discharge = 0;
        const double current_A = 2.0e-3, halfCycle_s = 3600;
        for (long k = 0; ; k++)
        {
            int cycle = (int)(t / (2 * halfCycle_s));
            bool charging = t % (2 * halfCycle_s) < halfCycle_s;
            double i = (charging ? current_A : -current_A) * (1 + 1e-4 * (random.NextDouble() - 0.5));
            double v = 3.7 + (charging ? 0.3 : -0.3) * (t % halfCycle_s) / halfCycle_s + 1e-4 * random.NextDouble();
            if (charging) charge += i / 3600; else discharge -= i / 3600;
            writer.Write(new CyclerRow(Math.Round(t, 3), Math.Round(i, 9), Math.Round(v, 5), cycle, charging ? 1 : 2,
                charging ? StepKind.Charge : StepKind.Discharge, double.NaN, Math.Round(charge, 9), Math.Round(discharge, 9), double.NaN, 0));
            t += 1.0;
            if ((k & 0xFFFF) == 0 && new FileInfo(path).Length >= targetBytes) break;
        }
    }
}
