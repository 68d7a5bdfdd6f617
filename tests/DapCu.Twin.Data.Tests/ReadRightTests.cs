using DapCu.Twin.Data.Analysis;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Files read right, or the reader says why not: logging gaps, units from headers, header metadata, impedance.
/// Expected figures are read off the files with awk (commands quoted), never with our importer.
/// </summary>
public class ReadRightTests
{
    private const string Gapped = "maccor-prediag-000412-short-cycles1-3.022";

    [Fact]
    public void Maccor_file_with_dropped_records_takes_capacity_from_the_instruments_counter()
    {
        // TRI-AMDD/beep PreDiag_000412_00008Fshort.022 keeps only some records (Rec# jumps, e.g. 5650 -> 6982 in cycle 2).
        // awk over Amp-hr (restarts each step), largest value of each C or D step run, summed per Cyc#:
        // cycle 1: 4.7329839583 Ah charge, 4.7087436370 Ah discharge; cycle 2: 0.0002688391 / 0.0004909414 Ah.
        using var reader = CyclerDataReader.Open(TestData.File(Gapped));
        Assert.Equal(CyclerFormat.Maccor, reader.Format);
        var summary = CycleSummaryBuilder.Of(reader);
        Assert.Equal(CapacitySource.StepCounter, summary.CapacitySource);
        var c1 = summary.Cycles.Single(c => c.Cycle == 1);
        var c2 = summary.Cycles.Single(c => c.Cycle == 2);
        Assert.Equal(4.7329839583, c1.ChargeCapacity_Ah, 9);
        Assert.Equal(4.7087436370, c1.DischargeCapacity_Ah, 9);
        Assert.Equal(0.0002688391, c2.ChargeCapacity_Ah, 9);
        Assert.Equal(0.0004909414, c2.DischargeCapacity_Ah, 9);
        Assert.Equal(0, c1.LoggingGaps);
        Assert.True(c2.LoggingGaps > 0, "the cycle with dropped records is flagged as incomplete");
    }

    [Fact]
    public void Current_is_never_integrated_across_a_logging_gap()
    {
        // Integrating across the gaps gave 44.1 Ah of discharge in cycle 2 for a cell whose full cycle 1 counts 4.71 Ah.
        using var reader = CyclerDataReader.Open(TestData.File(Gapped));
        var summary = CycleSummaryBuilder.Of(reader, useCounters: false);
        var c1 = summary.Cycles.Single(c => c.Cycle == 1);
        var c2 = summary.Cycles.Single(c => c.Cycle == 2);
        Assert.InRange(c1.DischargeCapacity_Ah, 4.7087436370 * 0.99, 4.7087436370 * 1.01); // no gaps: integral ~ counter
        Assert.True(c2.DischargeCapacity_Ah < 4.7087436370, $"cycle 2 integrates {c2.DischargeCapacity_Ah} Ah across gaps");
        Assert.True(summary.LoggingGaps >= c2.LoggingGaps && c2.LoggingGaps > 0);
    }

    [Fact]
    public void Maccor_test_sec_export_is_maccor_not_landt()
    {
        // beep PredictionDiagnostics_000151_paused.052: "Today's Date ... Procedure:" title, "Test (Sec)" header;
        // awk 'NR>2 && NF>1': 332 records, all State D, first 769267.2400 s, Amps -4.8400091554 (signed), Volts 3.86823835.
        var path = TestData.File("maccor-prediction-diagnostics-000151-paused.052");
        using var reader = CyclerDataReader.Open(path);
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.Maccor, reader.Format);
        Assert.Equal(332, rows.Count);
        Assert.Equal((769267.24, -4.8400091554, 3.86823835), (rows[0].Time_s, rows[0].Current_A, rows[0].Voltage_V));
        Assert.All(rows, r => Assert.Equal(StepKind.Discharge, r.StepType));
        Assert.Equal("00001E", reader.Metadata.CellName); // "Comment/Barcode: 00001E"
    }

    [Theory]
    [InlineData("Test (Min)", "1.5", 90.0)]
    [InlineData("Test (Sec)", "1.5", 1.5)]
    [InlineData("Test (Hr)", "1.5", 5400.0)]
    [InlineData("TestTime", "  1d 00:00:01.5000", 86401.5)]
    public void Maccor_test_time_unit_comes_from_the_header(string column, string value, double expected_s)
    {
        using var dir = new TempDir();
        var path = dir.Write("maccor.txt",
            "Today's Date 03/07/2018  Date of Test:\t11/02/2016\t Filename:\tC:\\x.041 Procedure: P.000\tComment/Barcode: \n" +
            $"Rec#\tCyc#\tStep\t{column}\tStep (Sec)\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\tDPt Time\n" +
            "1\t0\t1\t0\t0\t0\t0\t0\t3.9\tR\t0\t11/02/2016 15:57:53\n" +
            $"2\t0\t1\t{value}\t0\t0\t0\t0\t3.9\tR\t0\t11/02/2016 15:57:54\n");
        using var reader = CyclerDataReader.Open(path);
        var rows = reader.ToList();
        Assert.Equal(CyclerFormat.Maccor, reader.Format);
        Assert.Equal(expected_s, rows[1].Time_s, 9);
    }

    [Fact]
    public void Mpt_header_gives_area_and_cell_name()
    {
        // biologic-li-llzo-li-symmetric.mpt lines 17, 29: "File : 20210823_..._C05.mpr", "Electrode surface area : 0.500 cm²";
        // it has no "Mass of active material" line ("Characteristic mass" is another quantity).
        using var reader = CyclerDataReader.Open(TestData.File("biologic-li-llzo-li-symmetric.mpt"));
        Assert.Equal(0.5, reader.Metadata.Area_cm2);
        Assert.Null(reader.Metadata.ActiveMass_mg);
        Assert.Equal("20210823_150umthick-tape4_6mmLi_FCandPT_02_MB_C05", reader.Metadata.CellName);
    }

    [Fact]
    public void Mpt_header_gives_the_active_mass()
    {
        // biologic-mb.issue_95.mpt: "Mass of active material : 0.001 mg", "Electrode surface area : 0.001 cm²".
        using var reader = CyclerDataReader.Open(TestData.File("biologic-mb.issue_95.mpt"));
        Assert.Equal(0.001, reader.Metadata.ActiveMass_mg);
        Assert.Equal(0.001, reader.Metadata.Area_cm2);
    }

    [Fact]
    public void Peis_records_carry_frequency_and_impedance()
    {
        // awk -F'\t' 'NR>91 && $16+0>0' (freq/Hz, Re(Z)/Ohm, -Im(Z)/Ohm are columns 16, 26, 27): 350 points;
        // first (line 98) 1.0000186E+006 Hz, 1.3542760E+002, 4.1891501E+002 Ohm; last (line 961) 9.9904113E-002 Hz,
        // 1.1416254E+003, 4.0065796E+001 Ohm.
        using var reader = CyclerDataReader.Open(TestData.File("biologic-li-llzo-li-symmetric.mpt"));
        var z = reader.Where(r => r.IsImpedance).ToList();
        Assert.Equal(350, z.Count);
        Assert.Equal((98L, 1.0000186E+006, 1.3542760E+002, 4.1891501E+002), (z[0].Line, z[0].Frequency_Hz, z[0].ReZ_Ohm, z[0].MinusImZ_Ohm));
        Assert.Equal((961L, 9.9904113E-002, 1.1416254E+003, 4.0065796E+001), (z[^1].Line, z[^1].Frequency_Hz, z[^1].ReZ_Ohm, z[^1].MinusImZ_Ohm));
        Assert.True(reader.BoundColumns.HasFlag(DataColumns.Impedance));
    }
}

public class NyquistPlotTests
{
    [Fact]
    public void Impedance_records_of_a_file_make_a_nyquist_plot()
    {
        // 350 PEIS points (awk -F'\t' 'NR>91 && $16+0>0' biologic-li-llzo-li-symmetric.mpt | wc -l).
        var table = CyclerTable.Load(TestData.File("biologic-li-llzo-li-symmetric.mpt"));
        Assert.Equal(350, table.Impedance.Count);
        using var dir = new TempDir();
        Export.ComparePlots.Nyquist(table, dir.Path);
        Assert.True(new FileInfo(dir.File("nyquist.png")).Length > 1000);
        Assert.True(new FileInfo(dir.File("nyquist.svg")).Length > 1000);
        var none = CyclerTable.Load(TestData.File("arbin-tc-contact-ch33.csv"));
        Export.ComparePlots.Nyquist(none, dir.Path, "none");
        Assert.False(File.Exists(dir.File("none.png")));
    }
}
