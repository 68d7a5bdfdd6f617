using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Data.Export;

/// <summary>A twin run's time series as Battery Data Format CSV, so any tool that reads BDF reads the twin.</summary>
public static class RunExport
{
    public const DataColumns Written = DataColumns.Cycle | DataColumns.Step | DataColumns.StepType
        | DataColumns.StepCapacity | DataColumns.ChargeCapacity | DataColumns.DischargeCapacity;

    /// <summary>
    /// Writes test_time_second, voltage_volt, current_ampere (positive charges), cycle_count, step_id, step_type,
    /// step/charging/discharging capacity in Ah (charge passed so far in the cycle in each direction). Ampere-hours
    /// use the electrode area; null takes it from the series itself (mA over mA/cm2). Written atomically.
    /// </summary>
    public static void ToBdf(RunResult run, string path, double? area_cm2 = null)
    {
        var area = area_cm2 ?? AreaOf(run);
        AtomicOutput.WriteFile(path, temp =>
        {
            using var writer = BdfWriter.Create(temp, Written);
            foreach (var row in Rows(run, area)) writer.Write(row);
        });
    }

    /// <summary>The rows <see cref="ToBdf"/> writes, as <see cref="CyclerRow"/>s.</summary>
    public static IEnumerable<CyclerRow> Rows(RunResult run, double area_cm2)
    {
        int cycle = int.MinValue, step = int.MinValue;
        double charge_Ah = 0, discharge_Ah = 0, stepDone_Ah = 0, stepSign = 0;
        long line = 2;
        foreach (var p in run.TimeSeries)
        {
            if (p.Cycle != cycle) { cycle = p.Cycle; charge_Ah = discharge_Ah = stepDone_Ah = stepSign = 0; step = p.Step; }
            if (p.Step != step)
            {
                // Close the previous step's charge into its direction's running total.
                if (stepSign > 0) charge_Ah += stepDone_Ah; else if (stepSign < 0) discharge_Ah += stepDone_Ah;
                step = p.Step; stepDone_Ah = 0; stepSign = 0;
            }
            var stepCapacity_Ah = Math.Abs(p.StepCapacity_mAh_cm2) * area_cm2 / 1000.0;
            if (p.Current_mA != 0) stepSign = Math.Sign(p.Current_mA);
            stepDone_Ah = stepCapacity_Ah;
            var kind = p.Current_mA > 0 ? StepKind.Charge : p.Current_mA < 0 ? StepKind.Discharge : StepKind.Rest;
            yield return new CyclerRow(p.Time_s, p.Current_mA / 1000.0, p.Voltage_V, p.Cycle, p.Step, kind, stepCapacity_Ah,
                charge_Ah + (stepSign > 0 ? stepCapacity_Ah : 0), discharge_Ah + (stepSign < 0 ? stepCapacity_Ah : 0), double.NaN, line++);
        }
    }

    private static double AreaOf(RunResult run)
    {
        foreach (var p in run.TimeSeries)
            if (p.CurrentDensity_mA_cm2 != 0) return Math.Abs(p.Current_mA / p.CurrentDensity_mA_cm2);
        return 1.0; // no current anywhere: every capacity is zero whatever the area
    }
}
