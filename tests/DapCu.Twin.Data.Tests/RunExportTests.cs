using System.Globalization;
using DapCu.Twin.Data.Export;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Data.Tests;

public class RunExportTests
{
    [Fact]
    public void Twin_output_exported_as_bdf_reads_back_identically()
    {
        using var dir = new TempDir();
        var run = TwinRuns.Run("dap-lfp", ParameterSets.Chen2024, "Repeat 3 times:\n  Charge at 0.5C until 3.8 V\n  Rest for 10 min\n  Discharge at 0.5C until 2.5 V\n");
        var path = dir.File("twin.bdf.csv");
        RunExport.ToBdf(run, path);

        // Read with the existing importer: format detected as BDF, every printed number the same double.
        var table = CyclerTable.Load(path);
        Assert.Equal(CyclerFormat.Bdf, table.SourceFormat);
        Assert.Equal(run.TimeSeries.Count, table.Count);
        for (var i = 0; i < table.Count; i++)
        {
            var p = run.TimeSeries[i];
            Assert.Equal(p.Time_s, table.Time_s[i]);
            Assert.Equal(p.Voltage_V, table.Voltage_V[i]);
            Assert.Equal(p.Current_mA / 1000.0, table.Current_A[i]);
            Assert.Equal(p.Cycle, table.Cycle[i]);
            Assert.Equal(p.Step, table.Step[i]);
        }
        // Header in BDF names, and positive current on charge (first step charges).
        var header = File.ReadLines(path).First();
        Assert.StartsWith("test_time_second,voltage_volt,current_ampere,cycle_count,step_id", header);
        Assert.True(table.Current_A[1] > 0);

        // Capacities are BDF's test-cumulative ones: what each cycle adds equals the runner's cycle table (mAh/cm2 x area).
        var area = 1.131;
        double charge = 0, discharge = 0;
        foreach (var cycle in run.Cycles)
        {
            var last = table.Rows().Last(r => r.Cycle == cycle.Cycle);
            Assert.Equal(cycle.Charge_mAh_cm2 * area / 1000, last.ChargeCapacity_Ah - charge, 9);
            Assert.Equal(cycle.Discharge_mAh_cm2 * area / 1000, last.DischargeCapacity_Ah - discharge, 9);
            (charge, discharge) = (last.ChargeCapacity_Ah, last.DischargeCapacity_Ah);
        }
    }

    [Fact]
    public void Failed_export_leaves_the_existing_file_untouched()
    {
        using var dir = new TempDir();
        var path = dir.Write("twin.bdf.csv", "keep me\n");
        var run = new Physics.Results.RunResult();
        run.TimeSeries.Add(new Physics.Results.TimeSeriesPoint(0, 1, 1, 1, 1, 0.1, 0, 0));
        Assert.ThrowsAny<Exception>(() => AtomicOutput.WriteFile(path, temp => { File.WriteAllText(temp, "partial"); throw new IOException("disk full"); }));
        Assert.Equal("keep me\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
        RunExport.ToBdf(run, path);
        Assert.Equal(2, File.ReadAllLines(path).Length);
        Assert.Equal(0.001, double.Parse(File.ReadAllLines(path)[1].Split(',')[2], CultureInfo.InvariantCulture));
    }
}
