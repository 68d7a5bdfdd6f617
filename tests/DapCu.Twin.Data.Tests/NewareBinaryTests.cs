using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Neware .ndax read natively, checked record by record against NewareNDA's own output for the same file (the
/// Feather files its test suite keeps in tests/reference), read here with Apache Arrow, not with our importer.
/// </summary>
public class NewareBinaryTests
{
    internal static Dictionary<string, double[]> Reference(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream, new CompressionCodecFactory());
        var columns = new Dictionary<string, List<double>>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            for (int c = 0; c < batch.ColumnCount; c++)
            {
                var name = batch.Schema.GetFieldByIndex(c).Name;
                if (!columns.TryGetValue(name, out var list)) columns[name] = list = [];
                var array = batch.Column(c);
                for (int i = 0; i < array.Length; i++) list.Add(Value(array, i));
            }
        }
        return columns.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    private static double Value(IArrowArray array, int i) => array switch
    {
        DoubleArray a => a.GetValue(i) ?? double.NaN,
        FloatArray a => a.GetValue(i) ?? double.NaN,
        Int64Array a => a.GetValue(i) ?? double.NaN,
        Int32Array a => a.GetValue(i) ?? double.NaN,
        Int16Array a => a.GetValue(i) ?? double.NaN,
        UInt32Array a => a.GetValue(i) ?? double.NaN,
        UInt16Array a => a.GetValue(i) ?? double.NaN,
        UInt8Array a => a.GetValue(i) ?? double.NaN,
        Int8Array a => a.GetValue(i) ?? double.NaN,
        DictionaryArray d => StatusCode(((StringArray)d.Dictionary).GetString(((IArrowArray)d.Indices) switch
        {
            Int8Array k => k.GetValue(i) ?? 0, Int16Array k => k.GetValue(i) ?? 0, Int32Array k => k.GetValue(i) ?? 0, _ => 0,
        })),
        StringArray s => StatusCode(s.GetString(i)),
        _ => double.NaN,
    };

    /// <summary>NewareNDA's status names, as the step kind our reader gives (1 charge, -1 discharge, 0 rest, 2 other).</summary>
    private static double StatusCode(string? name) => name switch
    {
        null => double.NaN,
        _ when name.Contains("DChg") => -1,
        _ when name.Contains("Chg") => 1,
        "Rest" or "Pause" or "OCV" => 0,
        _ => 2,
    };

    internal static double Code(StepKind kind) => kind switch { StepKind.Charge => 1, StepKind.Discharge => -1, StepKind.Rest => 0, _ => 2 };

    internal static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected) + 1e-9, $"{what}: NewareNDA gives {expected}, we read {actual}");

    [Theory]
    [InlineData("neware-123456789012_Unit27_Example_Data_File.ndax")]     // ndc v14, two temperature aux channels
    [InlineData("neware-46_1_5_60_ZZZZZZZZTEST_20250924092922.ndax")]   // ndc v16
    [InlineData("neware-ZZZZZZZZTEST.ndax")]                             // ndc v16, sparse runInfo
    [InlineData("neware-TESTCELL0001-Test_Data_Collection_Ndc17.ndax")] // ndc v17
    public void Ndax_agrees_with_newarenda(string name) =>
        AgreesWithNewarenda(name, CyclerFormat.NewareNdax, timeTolerance: 1e-9, checkCycle: false);

    /// <summary>Every record of a Neware binary file against NewareNDA's own output for it (index, voltage, current,
    /// capacities, step, status, time, first temperature; the cycle where both count it the same way).</summary>
    internal static void AgreesWithNewarenda(string name, CyclerFormat format, double timeTolerance, bool checkCycle)
    {
        var reference = Reference(TestData.File(name + ".newarenda.ftr"));
        using var reader = CyclerDataReader.Open(TestData.File(name));
        var rows = reader.ToList();
        Assert.Equal(format, reader.Format);
        Assert.Empty(reader.Warnings);
        var index = reference["Index"];
        Assert.Equal(index.Length, rows.Count);
        double offset = 0, previousTest = 0, previousStep = double.NaN;
        for (int k = 0; k < rows.Count; k++)
        {
            var r = rows[k];
            var what = $"{name} Index {index[k]}";
            Assert.Equal((long)index[k], r.Line);
            // NewareNDA stores float32: compare at float precision.
            Close(reference["Voltage"][k], r.Voltage_V, 1e-6, what + " voltage");
            Close(reference["Current(mA)"][k] * 1e-3, r.Current_A, 1e-6, what + " current");
            Close(reference["Charge_Capacity(mAh)"][k] * 1e-3, r.ChargeCapacity_Ah, 1e-6, what + " charge capacity");
            Close(reference["Discharge_Capacity(mAh)"][k] * 1e-3, r.DischargeCapacity_Ah, 1e-6, what + " discharge capacity");
            Assert.True(reference["Step_Index"][k] == r.Step, $"{what} step: NewareNDA {reference["Step_Index"][k]}, we {r.Step}");
            if (checkCycle) Assert.True(reference["Cycle"][k] == r.Cycle, $"{what} cycle: NewareNDA {reference["Cycle"][k]}, we {r.Cycle}");
            Assert.Equal(reference["Status"][k], Code(r.StepType));
            // NewareNDA's Time restarts with each step (its Step counts step changes): test time continues from the
            // record before.
            if (k > 0 && reference["Step"][k] != previousStep) offset = previousTest;
            previousStep = reference["Step"][k];
            previousTest = offset + reference["Time"][k];
            Close(previousTest, r.Time_s, timeTolerance, what + " time");
        }
        // NewareNDA names aux temperatures T<AuxID>; ours is the first temperature channel.
        var t = reference.Keys.Where(c => c.Length > 1 && c[0] == 'T' && char.IsDigit(c[1])).Order().FirstOrDefault();
        Assert.Equal(t is not null, rows.Any(r => !double.IsNaN(r.Temperature_C)));
        if (t is not null)
            for (int k = 0; k < rows.Count; k++) Close(reference[t][k], rows[k].Temperature_C, 1e-6, $"{name} Index {index[k]} {t}");
    }
}
