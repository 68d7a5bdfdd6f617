using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Arbin and Neware Excel exports read with ExcelDataReader, checked cell by cell against the sheet's own XML read here
/// with System.IO.Compression and LINQ to XML (shared strings resolved by hand), not with our importer or its library.
/// </summary>
public class XlsxTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The rows below the header (row 1) of a sheet, as header name -> cell text.</summary>
    private static List<Dictionary<string, string>> Sheet(string path, string name)
    {
        var rows = RawRows(path, name);
        var names = rows[0];
        return rows.Skip(1).Select(r => r.Where(kv => names.ContainsKey(kv.Key)).ToDictionary(kv => names[kv.Key], kv => kv.Value)).ToList();
    }

    /// <summary>Every row of a sheet as column letter -> cell text.</summary>
    private static List<Dictionary<string, string>> RawRows(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        XDocument Load(string entry) { using var s = zip.GetEntry(entry)!.Open(); return XDocument.Load(s); }
        var strings = zip.GetEntry("xl/sharedStrings.xml") is null ? [] : Load("xl/sharedStrings.xml").Root!.Elements(Main + "si")
            .Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList();
        var id = Load("xl/workbook.xml").Descendants(Main + "sheet").Single(s => (string)s.Attribute("name")! == name).Attribute(Rel + "id")!.Value;
        var target = Load("xl/_rels/workbook.xml.rels").Root!.Elements().Single(r => (string)r.Attribute("Id")! == id).Attribute("Target")!.Value;
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in Load("xl/" + target.TrimStart('/').Replace("xl/", "")).Descendants(Main + "row"))
        {
            var cells = new Dictionary<string, string>();
            foreach (var c in row.Elements(Main + "c"))
            {
                var column = new string(((string)c.Attribute("r")!).TakeWhile(char.IsLetter).ToArray());
                var v = c.Element(Main + "v")?.Value;
                if (v is null) continue;
                cells[column] = (string?)c.Attribute("t") == "s" ? strings[int.Parse(v, CultureInfo.InvariantCulture)] : v;
            }
            rows.Add(cells);
        }
        return rows;
    }

    private static double Number(Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : double.NaN;

    [Fact]
    public void Arbin_xlsx_agrees_with_its_sheet()
    {
        var path = TestData.File("arbin-LFP80_dry_08042022_wreset_wab25_Channel_25_Wb_1.xlsx");
        var expected = Sheet(path, "Channel-25_1");
        using var reader = CyclerDataReader.Open(path);
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.ArbinXlsx, reader.Format);
        Assert.Equal(4821, expected.Count); // rows 2..4822 of the channel sheet; Global_Info and the user's Sheet1 are not data
        Assert.Equal(expected.Count, rows.Count);
        for (int k = 0; k < rows.Count; k++)
        {
            var e = expected[k];
            var r = rows[k];
            Assert.Equal(Number(e, "Test Time (s)"), r.Time_s);
            Assert.Equal(Number(e, "Current (A)"), r.Current_A);
            Assert.Equal(Number(e, "Voltage (V)"), r.Voltage_V);
            Assert.Equal(Number(e, "Cycle Index"), r.Cycle);
            Assert.Equal(Number(e, "Step Index"), r.Step);
            Assert.Equal(Number(e, "Charge Capacity (Ah)"), r.ChargeCapacity_Ah);
            Assert.Equal(Number(e, "Discharge Capacity (Ah)"), r.DischargeCapacity_Ah);
        }
        // Global_Info: the active mass is the cell below "MASS(g)".
        var info = RawRows(path, "Global_Info");
        int label = info.FindIndex(r => r.ContainsValue("MASS(g)"));
        var column = info[label].Single(kv => kv.Value == "MASS(g)").Key;
        Assert.Equal(double.Parse(info[label + 1][column], CultureInfo.InvariantCulture) * 1000, reader.Metadata.ActiveMass_mg!.Value, 9);
    }

    [Fact]
    public void Neware_xlsx_agrees_with_its_sheet()
    {
        var path = TestData.File("neware-sample_data_neware.xlsx");
        var expected = Sheet(path, "record");
        using var reader = CyclerDataReader.Open(path);
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.NewareXlsx, reader.Format);
        Assert.Equal(105, expected.Count);
        Assert.Equal(expected.Count, rows.Count);
        for (int k = 0; k < rows.Count; k++)
        {
            var e = expected[k];
            var r = rows[k];
            // "Total Time" is a time-formatted cell: a fraction of a day.
            Assert.Equal(Number(e, "Total Time") * 86400, r.Time_s, 3);
            Assert.Equal(Number(e, "Current(mA)") * 1e-3, r.Current_A, 12);
            Assert.Equal(Number(e, "Voltage(V)"), r.Voltage_V);
            Assert.Equal(Number(e, "Cycle Index"), r.Cycle);
            Assert.Equal(Number(e, "Step Index"), r.Step);
            Assert.Equal(Number(e, "Capacity(mAh)") * 1e-3, r.StepCapacity_Ah, 12);
            Assert.Equal(Number(e, "Chg. Cap.(mAh)") * 1e-3, r.ChargeCapacity_Ah, 12);
            Assert.Equal(Number(e, "DChg. Cap.(mAh)") * 1e-3, r.DischargeCapacity_Ah, 12);
        }
        // battery-data-format's own test of this file: |current| <= 0.1 A once mA are converted.
        Assert.True(rows.Max(r => Math.Abs(r.Current_A)) <= 0.1);
    }
}
