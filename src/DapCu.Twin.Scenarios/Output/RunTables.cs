using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Scenarios.Output;

/// <summary>A labelled run: one variant of a scenario ("DAP", "PL").</summary>
public sealed record LabelledRun(string Label, RunResult Run);

/// <summary>The per-run tables in long ("tidy") form: one file per table, a <c>variant</c> column first.</summary>
public static class RunTables
{
    public const string TimeSeriesFile = "timeseries.csv";
    public const string CyclesFile = "cycles.csv";
    public const string EventsFile = "events.csv";

    public static void WriteAll(string directory, IReadOnlyList<LabelledRun> runs)
    {
        WriteTimeSeries(Path.Combine(directory, TimeSeriesFile), runs);
        WriteCycles(Path.Combine(directory, CyclesFile), runs);
        WriteEvents(Path.Combine(directory, EventsFile), runs);
    }

    public static void WriteTimeSeries(string path, IReadOnlyList<LabelledRun> runs)
    {
        using var csv = new CsvTableWriter(path, ["variant", "time_s", "cycle", "step", "current_mA",
            "current_density_mA_cm2", "voltage_V", "step_capacity_mAh_cm2", "overpotential_mV", .. OverpotentialSplit.Names]);
        foreach (var (label, run) in runs)
            foreach (var p in run.TimeSeries)
            {
                csv.Text(label).Number(p.Time_s).Integer(p.Cycle).Integer(p.Step).Number(p.Current_mA)
                   .Number(p.CurrentDensity_mA_cm2).Number(p.Voltage_V).Number(p.StepCapacity_mAh_cm2)
                   .Number(p.Overpotential_mV);
                foreach (var v in p.Split.Values) csv.Number(v);
                csv.EndRow();
            }
    }

    public static void WriteCycles(string path, IReadOnlyList<LabelledRun> runs)
    {
        using var csv = new CsvTableWriter(path, ["variant", "cycle", "end_time_s", "charge_mAh_cm2",
            "discharge_mAh_cm2", "charge_mAh_g", "discharge_mAh_g", "coulombic_efficiency",
            "mean_overpotential_mV", "max_overpotential_mV", "end_voltage_V", "host_expansion",
            "dendrite_length_um", "li_active_negative_mAh_cm2", "li_active_positive_mAh_cm2",
            "li_dead_mAh_cm2", "li_sei_mAh_cm2", "li_cathode_mAh_cm2", "li_counter_mAh_cm2", "li_total_mAh_cm2",
            .. OverpotentialSplit.Names.Select(n => "mean_" + n)]);
        foreach (var (label, run) in runs)
            foreach (var c in run.Cycles)
            {
                var li = c.Inventory;
                csv.Text(label).Integer(c.Cycle).Number(c.EndTime_s).Number(c.Charge_mAh_cm2)
                   .Number(c.Discharge_mAh_cm2).Number(c.Charge_mAh_g).Number(c.Discharge_mAh_g)
                   .Number(c.CoulombicEfficiency).Number(c.MeanOverpotential_mV).Number(c.MaxOverpotential_mV)
                   .Number(c.EndVoltage_V).Number(c.HostExpansion).Number(c.DendriteLength_um)
                   .Number(li.ActiveNegative_mAh_cm2).Number(li.ActivePositive_mAh_cm2).Number(li.Dead_mAh_cm2)
                   .Number(li.Sei_mAh_cm2).Number(li.Cathode_mAh_cm2).Number(li.Counter_mAh_cm2)
                   .Number(li.Total_mAh_cm2);
                foreach (var v in c.MeanSplit.Values) csv.Number(v);
                csv.EndRow();
            }
    }

    public static void WriteEvents(string path, IReadOnlyList<LabelledRun> runs)
    {
        using var csv = new CsvTableWriter(path, "variant", "time_s", "cycle", "kind", "detail");
        foreach (var (label, run) in runs)
            foreach (var e in run.Events)
            {
                csv.Text(label).Number(e.Time_s).Integer(e.Cycle).Text(e.Kind.ToString()).Text(e.Detail);
                csv.EndRow();
            }
    }
}
