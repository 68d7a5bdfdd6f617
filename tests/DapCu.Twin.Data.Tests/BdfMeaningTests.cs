using System.Globalization;
using DapCu.Twin.Data.Export;
using Sylvan.Data.Csv;

namespace DapCu.Twin.Data.Tests;

/// <summary>Our BDF export follows the Battery Data Format's meanings (ontology 1.3), checked on real files.</summary>
public class BdfMeaningTests
{
    [Fact]
    public void Neware_export_keeps_step_labels_and_never_resets_cumulative_capacity()
    {
        // awk -F, 'NR>1{print $4}' neware-uio.csv | sort | uniq -c: 2055 "CC Chg", 2905 "CC DChg", 858 "Rest".
        using var dir = new TempDir();
        var output = dir.File("uio.bdf.csv");
        CyclerConverter.ToBdf(TestData.File("neware-uio.csv"), output);
        using var csv = CsvDataReader.Create(output);
        foreach (var name in new[] { "step_type", "step_id", "step_count", "step_cumulative_capacity_ah", "charging_capacity_ah",
                     "discharging_capacity_ah", "net_capacity_ah", "cumulative_capacity_ah" })
            Assert.True(csv.GetOrdinal(name) >= 0, name);
        Assert.Throws<IndexOutOfRangeException>(() => csv.GetOrdinal("step_capacity_ah")); // deprecated in BDF 1.1
        var labels = new Dictionary<string, int>();
        double charge = 0, discharge = 0, stepCount = 0;
        while (csv.Read())
        {
            var label = csv.GetString(csv.GetOrdinal("step_type"));
            labels[label] = labels.GetValueOrDefault(label) + 1;
            double c = csv.GetDouble(csv.GetOrdinal("charging_capacity_ah")), d = csv.GetDouble(csv.GetOrdinal("discharging_capacity_ah"));
            double n = csv.GetDouble(csv.GetOrdinal("step_count"));
            Assert.True(c >= charge && d >= discharge && n >= stepCount, $"a cumulative column went back at time {csv.GetString(0)}");
            Assert.Equal(c - d, csv.GetDouble(csv.GetOrdinal("net_capacity_ah")), 12);
            Assert.Equal(c + d, csv.GetDouble(csv.GetOrdinal("cumulative_capacity_ah")), 12);
            (charge, discharge, stepCount) = (c, d, n);
        }
        Assert.Equal(new Dictionary<string, int> { ["CC Chg"] = 2055, ["CC DChg"] = 2905, ["Rest"] = 858 }, labels);
    }

    [Fact]
    public void Old_bdf_labels_are_read()
    {
        // Labels of BDF files written before the 1.0 names: "Charge Capacity / Ah", "Cycle Index", "Temperature / degC".
        using var dir = new TempDir();
        var path = dir.Write("old.csv", "Test Time / s,Voltage / V,Current / A,Cycle Index,Charge Capacity / Ah,Discharge Capacity / Ah,Temperature / degC\n"
                                        + "0,3.1,0.1,1,0,0,25\n3600,3.5,0.1,1,0.1,0,25.5\n");
        using var reader = CyclerDataReader.Open(path);
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.Bdf, reader.Format);
        Assert.Equal((1, 0.1, 25.5), (rows[1].Cycle, rows[1].ChargeCapacity_Ah, rows[1].Temperature_C));
        Assert.Empty(reader.IgnoredColumns);
    }
}
