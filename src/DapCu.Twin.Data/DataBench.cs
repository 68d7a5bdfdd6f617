using DapCu.Twin.Data.Export;

namespace DapCu.Twin.Data;

/// <summary>The synthetic BDF CSV that <see cref="DataBenchFormats"/> times the import of: seeded cycling data.</summary>
public static class DataBench
{
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
