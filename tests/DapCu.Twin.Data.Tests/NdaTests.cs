namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Neware .nda (the binary before .ndax) read natively, checked record by record against NewareNDA's own output for
/// the same file (the Feather files its test suite keeps in tests/reference), read with Apache Arrow, not our importer.
/// </summary>
public class NdaTests
{
    [Theory]
    [InlineData("neware-new_nda_file.nda")]          // version 29 (BTS 7/8)
    [InlineData("neware-2-1-6_61-07005012.nda")]     // version 130, BTS 9.0 (88-byte records)
    [InlineData("neware-TestFile.nda")]              // version 130, BTS 9.1 (records starting 0x55)
    public void Nda_agrees_with_newarenda(string name)
    {
        var reference = NewareBinaryTests.Reference(TestData.File(name + ".newarenda.ftr"));
        using var reader = CyclerDataReader.Open(TestData.File(name));
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.NewareNda, reader.Format);
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
            NewareBinaryTests.Close(reference["Voltage"][k], r.Voltage_V, 1e-6, what + " voltage");
            NewareBinaryTests.Close(reference["Current(mA)"][k] * 1e-3, r.Current_A, 1e-6, what + " current");
            NewareBinaryTests.Close(reference["Charge_Capacity(mAh)"][k] * 1e-3, r.ChargeCapacity_Ah, 1e-6, what + " charge capacity");
            NewareBinaryTests.Close(reference["Discharge_Capacity(mAh)"][k] * 1e-3, r.DischargeCapacity_Ah, 1e-6, what + " discharge capacity");
            Assert.True(reference["Step_Index"][k] == r.Step, $"{what} step: NewareNDA {reference["Step_Index"][k]}, we {r.Step}");
            Assert.True(reference["Cycle"][k] == r.Cycle, $"{what} cycle: NewareNDA {reference["Cycle"][k]}, we {r.Cycle}");
            Assert.Equal(reference["Status"][k], NewareBinaryTests.Code(r.StepType));
            // NewareNDA's Time restarts with each step (its Step counts step changes): test time continues from the record before.
            if (k > 0 && reference["Step"][k] != previousStep) offset = previousTest;
            previousStep = reference["Step"][k];
            previousTest = offset + reference["Time"][k];
            NewareBinaryTests.Close(previousTest, r.Time_s, 1e-6, what + " time");
        }
        var t = reference.Keys.Where(c => c.Length > 1 && c[0] == 'T' && char.IsDigit(c[1])).Order().FirstOrDefault();
        Assert.Equal(t is not null, rows.Any(r => !double.IsNaN(r.Temperature_C)));
        if (t is not null)
            for (int k = 0; k < rows.Count; k++) NewareBinaryTests.Close(reference[t][k], rows[k].Temperature_C, 1e-6, $"{name} Index {index[k]} {t}");
    }
}
