using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// BioLogic .mpr read natively, checked record by record against the .mpt that EC-Lab itself exported from the same
/// run (dgbowl/yadg keeps both side by side). The .mpt is parsed here with Sylvan directly, not with our importer.
/// EC-Lab stores f4 values and prints them with 7-8 significant digits, hence the relative tolerance.
/// </summary>
public class MprTests
{
    private static List<Dictionary<string, double>> EcLabExport(string path)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var lines = File.ReadAllLines(path, Encoding.Latin1);
        int n = int.Parse(lines[1].Split(':')[1].Trim(), CultureInfo.InvariantCulture);
        var text = string.Join('\n', lines.Skip(n - 1));
        using var csv = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { Delimiter = '\t' });
        var rows = new List<Dictionary<string, double>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, double>();
            for (int i = 0; i < csv.FieldCount; i++)
            {
                var name = csv.GetName(i);
                if (name.Length > 0 && double.TryParse(csv.GetString(i).Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    row[name] = v;
            }
            rows.Add(row);
        }
        return rows;
    }

    private static void Close(double expected, double actual, double relative, string what)
    {
        double tolerance = relative * Math.Abs(expected) + 1e-9;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: EC-Lab exported {expected}, we read {actual}");
    }

    [Theory]
    [InlineData("biologic-mb.mpr", "biologic-li-llzo-li-symmetric.mpt", "Ewe/V", "I/mA")] // MB with PEIS loops, data module v3, |Z| and phase only
    [InlineData("biologic-mb.issue_95.mpr", "biologic-mb.issue_95.mpt", "Ewe/V", "I/mA")] // MB, galvanostatic
    [InlineData("biologic-peis.mpr", "biologic-peis.mpt", "<Ewe>/V", "<I>/mA")] // PEIS
    [InlineData("biologic-cp.mpr", "biologic-cp.mpt", "<Ewe>/V", "I/mA")]       // CP
    [InlineData("biologic-ca.issue_149.mpr", "biologic-ca.issue_149.mpt", "Ewe/V", "<I>/mA")] // CA, EC-Lab 11.50 (v11, big-endian ids)
    [InlineData("biologic-geis.issue_149.mpr", "biologic-geis.issue_149.mpt", "<Ewe>/V", "<I>/mA")] // GEIS, v11
    public void Mpr_agrees_with_the_ec_lab_export_of_the_same_run(string mpr, string mpt, string voltage, string current)
    {
        var reference = EcLabExport(TestData.File(mpt));
        using var reader = CyclerDataReader.Open(TestData.File(mpr));
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.BioLogicMpr, reader.Format);
        // biologic-li-llzo-li-symmetric.mpt is cut to its first 875 records (tests/data/README.md); the others are whole.
        if (mpt.StartsWith("biologic-li-llzo")) Assert.Equal(875, reference.Count);
        else Assert.Equal(reference.Count, rows.Count);
        for (int k = 0; k < reference.Count; k++)
        {
            var e = reference[k];
            var r = rows[k];
            Close(e["time/s"], r.Time_s, 1e-12, $"record {k + 1} time");
            Close(e[voltage], r.Voltage_V, 2e-6, $"record {k + 1} {voltage}");
            Close(e[current] * 1e-3, r.Current_A, 2e-6, $"record {k + 1} {current}");
            if (e.TryGetValue("Ns", out var ns)) Assert.Equal((int)ns, r.Step);
            if (e.TryGetValue("freq/Hz", out var f) && f > 0)
            {
                Close(f, r.Frequency_Hz, 2e-6, $"record {k + 1} frequency");
                Close(e["Re(Z)/Ohm"], r.ReZ_Ohm, 2e-5, $"record {k + 1} Re(Z)");
                Close(e["-Im(Z)/Ohm"], r.MinusImZ_Ohm, 2e-5, $"record {k + 1} -Im(Z)");
            }
            else Assert.False(r.IsImpedance);
            if (e.TryGetValue("mode", out var mode) && e.TryGetValue("ox/red", out var oxred))
                Assert.Equal(mode == 3 ? StepKind.Rest : oxred == 1 ? StepKind.Charge : StepKind.Discharge, r.StepType);
        }
    }

    /// <summary>EC-Lab's own counts: "Q charge/mA.h" and "Q discharge/mA.h" of its .mpt export grow within a half cycle
    /// and restart at the next; their gains (a drop being a restart) summed over the file are what the cell took and gave.</summary>
    private static double EcLabTotal(List<Dictionary<string, double>> rows, string column)
    {
        double total = 0, previous = 0;
        foreach (var row in rows)
        {
            var q = Math.Abs(row[column]);
            total += q >= previous ? q - previous : q;
            previous = q;
        }
        return total;
    }

    [Theory]
    [InlineData("biologic-mb.issue_95.mpr", "biologic-mb.issue_95.mpt")] // dq/mA.h stored
    [InlineData("biologic-cp.mpr", "biologic-cp.mpt")]                   // (Q-Qo)/C stored (and dQ/C, which equals it there)
    public void Mpr_capacity_is_the_instruments_count(string mpr, string mpt)
    {
        var reference = EcLabExport(TestData.File(mpt));
        using var reader = CyclerDataReader.Open(TestData.File(mpr));
        var rows = reader.ToList();
        Assert.True((reader.Columns & DataColumns.ChargeCapacity) != 0);
        double charge_mAh = EcLabTotal(reference, "Q charge/mA.h"), discharge_mAh = EcLabTotal(reference, "Q discharge/mA.h");
        Assert.True(charge_mAh + discharge_mAh > 0, "the run moves charge");
        Assert.True(Math.Abs(charge_mAh * 1e-3 - rows[^1].ChargeCapacity_Ah) <= 1e-5 * charge_mAh * 1e-3,
            $"charge passed: EC-Lab {charge_mAh * 1e-3} Ah, we {rows[^1].ChargeCapacity_Ah} Ah");
        Assert.True(Math.Abs(discharge_mAh * 1e-3 - rows[^1].DischargeCapacity_Ah) <= 1e-5 * discharge_mAh * 1e-3,
            $"discharge passed: EC-Lab {discharge_mAh * 1e-3} Ah, we {rows[^1].DischargeCapacity_Ah} Ah");
        var summary = Analysis.CycleSummaryBuilder.Of(rows);
        Assert.Equal(Analysis.CapacitySource.ChargeDischargeCounters, summary.CapacitySource);
        Assert.Equal(rows[^1].ChargeCapacity_Ah, summary.Cycles.Sum(c => c.ChargeCapacity_Ah), 12);
    }

    [Fact]
    public void Mpr_settings_give_the_electrode_area()
    {
        // biologic-li-llzo-li-symmetric.mpt (EC-Lab's export of biologic-mb.mpr), line 29: "Electrode surface area : 0.500 cm²".
        using var reader = CyclerDataReader.Open(TestData.File("biologic-mb.mpr"));
        Assert.Equal(0.5, reader.Metadata.Area_cm2);
    }

    [Fact]
    public void Mpr_without_a_stored_current_says_so()
    {
        // gcpl.issue_149.mpr (EC-Lab 11.50) stores dq and control/V/mA but no I column; its .mpt's <I>/mA is computed on export.
        using var dir = new TempDir();
        var e = Assert.Throws<DataFormatException>(() => CyclerDataReader.Open(TestData.File("biologic-gcpl.issue_149.mpr")));
        Assert.Contains("no current column", e.Message);
        Assert.Contains("GCPL", e.Message);
    }
}
