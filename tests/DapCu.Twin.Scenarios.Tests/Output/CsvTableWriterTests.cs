using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Tests.Output;

public class CsvTableWriterTests
{
    [Fact]
    public void Writes_invariant_numbers_quotes_text_and_leaves_non_finite_empty()
    {
        var text = new StringWriter();
        using (var csv = new CsvTableWriter(text, "a", "b", "c", "d"))
        {
            csv.Number(1234.5).Number(double.NaN).Text("x, \"y\"").Integer(-3);
            csv.EndRow();
        }
        Assert.Equal("a,b,c,d\n1234.5,,\"x, \"\"y\"\"\",-3\n", text.ToString());
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_is_refused()
    {
        using var csv = new CsvTableWriter(new StringWriter(), "a", "b");
        csv.Number(1);
        Assert.Throws<InvalidOperationException>(csv.EndRow);
    }

    [Fact]
    public void Cycles_table_reads_back_with_an_independent_csv_reader()
    {
        var dir = Scratch.Create("dapcu-csv").FullName;
        var run = TestRuns.HalfCell(5, 0.93, 0.001);
        RunTables.WriteCycles(Path.Combine(dir, "cycles.csv"), [new LabelledRun("DAP, test", run)]);

        // Microsoft.VisualBasic's TextFieldParser: a reader we did not write.
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(Path.Combine(dir, "cycles.csv")) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        var header = parser.ReadFields()!;
        var rows = new List<string[]>();
        while (!parser.EndOfData) rows.Add(parser.ReadFields()!);
        Assert.Equal(5, rows.Count);
        Assert.Equal("DAP, test", rows[0][0]);
        int ce = Array.IndexOf(header, "coulombic_efficiency");
        Assert.Equal(0.93 - 0.001 * 3, double.Parse(rows[2][ce], System.Globalization.CultureInfo.InvariantCulture), 9);
        int total = Array.IndexOf(header, "li_total_mAh_cm2");
        Assert.Equal(run.Cycles[4].Inventory.Total_mAh_cm2, double.Parse(rows[4][total], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal("", rows[0][Array.IndexOf(header, "discharge_mAh_g")]);
    }
}
