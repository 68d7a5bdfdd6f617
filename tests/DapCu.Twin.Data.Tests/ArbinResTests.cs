using Parquet;
using Parquet.Schema;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Arbin .res (MS Access) read through mdbtools, checked record by record against cellpy's golden output for the same
/// file (tests/data/goldens/loader_arbin_res/raw.parquet: cellpy's Arbin .res loader, read here with Parquet.Net, not
/// our importer). Needs mdbtools (tests/setup.d/mdbtools.sh).
/// </summary>
public class ArbinResTests
{
    private const string File = "arbin-20160805_test001_45_cc_01.res";

    internal static async Task<Dictionary<string, double[]>> Parquet(string path)
    {
        await using var stream = System.IO.File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var columns = new Dictionary<string, List<double>>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            foreach (var field in reader.Schema.GetDataFields())
            {
                if (!columns.TryGetValue(field.Name, out var list)) columns[field.Name] = list = [];
                list.AddRange(Column(group, field));
            }
        }
        return columns.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    private static double[] Column(ParquetRowGroupReader group, DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(double)) return Read<double>(group, field, x => x);
        if (type == typeof(float)) return Read<float>(group, field, x => x);
        if (type == typeof(long)) return Read<long>(group, field, x => x);
        if (type == typeof(int)) return Read<int>(group, field, x => x);
        if (type == typeof(bool)) return Read<bool>(group, field, x => x ? 1 : 0);
        return new double[group.RowCount]; // text and dates: not compared
    }

    private static double[] Read<T>(ParquetRowGroupReader group, DataField field, Func<T, double> value) where T : struct
    {
        int n = (int)group.RowCount;
        if (field.IsNullable)
        {
            var a = new T?[n];
            group.ReadAsync<T>(field, a.AsMemory()).AsTask().GetAwaiter().GetResult();
            return a.Select(x => x is { } v ? value(v) : double.NaN).ToArray();
        }
        var b = new T[n];
        group.ReadAsync<T>(field, b.AsMemory()).AsTask().GetAwaiter().GetResult();
        return b.Select(value).ToArray();
    }

    [Fact]
    public async Task Res_agrees_with_cellpy()
    {
        var golden = await Parquet(TestData.File(File + ".cellpy-raw.parquet"));
        using var reader = CyclerDataReader.Open(TestData.File(File));
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.ArbinRes, reader.Format);
        // cellpy's metrics.json for this suite: "n_rows": 10261.
        Assert.Equal(10261, rows.Count);
        Assert.True(golden.ContainsKey("test_time"), "cellpy columns: " + string.Join(", ", golden.Keys));
        Assert.Equal(golden["test_time"].Length, rows.Count);
        for (int k = 0; k < rows.Count; k++)
        {
            var r = rows[k];
            var what = $"record {k + 1}";
            NewareBinaryTests.Close(golden["test_time"][k], r.Time_s, 1e-14, what + " time"); // mdb-export prints 16 digits
            // Voltage is a float32 in the database; mdb-export prints it with 8 significant digits.
            NewareBinaryTests.Close(golden["current"][k], r.Current_A, 2e-7, what + " current");
            NewareBinaryTests.Close(golden["voltage"][k], r.Voltage_V, 2e-7, what + " voltage");
            Assert.True(golden["cycle_index"][k] == r.Cycle, $"{what} cycle: cellpy {golden["cycle_index"][k]}, we {r.Cycle}");
            Assert.True(golden["step_index"][k] == r.Step, $"{what} step: cellpy {golden["step_index"][k]}, we {r.Step}");
            NewareBinaryTests.Close(golden["charge_capacity"][k], r.ChargeCapacity_Ah, 2e-7, what + " charge capacity");
            NewareBinaryTests.Close(golden["discharge_capacity"][k], r.DischargeCapacity_Ah, 2e-7, what + " discharge capacity");
        }
    }

    [Fact]
    public void Missing_mdbtools_is_one_clear_error_naming_the_file()
    {
        var path = TestData.File(File);
        var options = ReadOptions.Strict with { MdbExport = "/nonexistent/mdb-export" };
        var e = Assert.Throws<DataFormatException>(() => CyclerDataReader.Open(path, options).ToList());
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("install mdbtools", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }
}
