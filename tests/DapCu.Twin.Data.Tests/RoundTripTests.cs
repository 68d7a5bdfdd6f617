using DapCu.Twin.Data.Export;

namespace DapCu.Twin.Data.Tests;

/// <summary>Written as BDF and read back, every value is identical (the writer prints shortest round-trip numbers).</summary>
public class RoundTripTests
{
    private static void AssertSameRows(IReadOnlyList<CyclerRow> expected, IReadOnlyList<CyclerRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            // Line numbers differ between files by design; capacities are rewritten with BDF's meanings (checked in
            // BdfMeaningTests); everything else must be bit-identical.
            Assert.Equal(WithoutCapacities(expected[i]), WithoutCapacities(actual[i]));
        }
    }

    private static CyclerRow WithoutCapacities(CyclerRow r) =>
        r with { Line = 0, StepCapacity_Ah = 0, ChargeCapacity_Ah = 0, DischargeCapacity_Ah = 0, StepLabel = 0 }; // labels: BdfMeaningTests

    [Theory]
    [InlineData("neware-uio.csv")]
    [InlineData("biologic-li-llzo-li-symmetric.mpt")]
    [InlineData("maccor-4267-66-6519.041")]
    public void Real_file_survives_bdf_round_trip(string name)
    {
        using var dir = new TempDir();
        List<CyclerRow> original;
        using (var reader = CyclerDataReader.Open(TestData.File(name))) original = reader.ToList();
        var output = dir.File("out.bdf.csv");
        CyclerConverter.ToBdf(TestData.File(name), output);
        using var back = CyclerDataReader.Open(output);
        Assert.Equal(CyclerFormat.Bdf, back.Format);
        AssertSameRows(original, back.ToList());
    }

    [Fact]
    public void Awkward_doubles_survive_round_trip()
    {
        var random = new Random(20240430);
        var rows = new List<CyclerRow>();
        double t = 0;
        var kinds = new[] { StepKind.Rest, StepKind.Charge, StepKind.Discharge, StepKind.Other };
        for (int i = 0; i < 5000; i++)
        {
            t += random.NextDouble() * 10 + 1e-7;
            rows.Add(new CyclerRow(t, (random.NextDouble() - 0.5) * 1e-3 / 3, 3 + random.NextDouble() / 7, i / 1000, i / 100 % 7,
                kinds[i / 100 % 4], random.NextDouble() * 1e-5, i % 3 == 0 ? double.NaN : random.NextDouble(), 1.0 / 3, 25 + random.NextDouble(), 0,
                i % 5 == 0 ? 1e5 / (i + 1) : double.NaN, i % 5 == 0 ? random.NextDouble() : double.NaN, i % 5 == 0 ? random.NextDouble() - 0.2 : double.NaN));
        }
        using var dir = new TempDir();
        var path = dir.File("synthetic.bdf.csv");
        var all = DataColumns.Cycle | DataColumns.Step | DataColumns.StepType | DataColumns.StepCapacity
                  | DataColumns.ChargeCapacity | DataColumns.DischargeCapacity | DataColumns.Temperature | DataColumns.Impedance;
        using (var writer = BdfWriter.Create(path, all))
            foreach (var row in rows) writer.Write(row);
        using var back = CyclerDataReader.Open(path);
        AssertSameRows(rows, back.ToList());
        Assert.Equal(all, back.Columns);
    }
}
