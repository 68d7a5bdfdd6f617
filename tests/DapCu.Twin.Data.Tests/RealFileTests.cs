using DapCu.Twin.Data.Analysis;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Each instrument's real export is read and checked against figures read off the file with shell tools
/// (awk/wc on tests/data, the cut copies described in its README), never with our own importer. The commands are
/// quoted by each test.
/// </summary>
public class RealFileTests
{
    private static (List<CyclerRow> Rows, CyclerDataReader Reader) ReadAll(string name)
    {
        var reader = CyclerDataReader.Open(TestData.File(name));
        var rows = reader.ToList();
        return (rows, reader);
    }

    private static int DistinctCycles(List<CyclerRow> rows) => rows.Select(r => r.Cycle).Distinct().Count();

    [Fact]
    public void Bdf_reference_file()
    {
        // awk 'END{print NR-1}' bdf-li-graphite-r2032.bdf.csv -> 2521; head -2 / tail -1 for first/last values.
        var (rows, reader) = ReadAll("bdf-li-graphite-r2032.bdf.csv");
        Assert.Equal(CyclerFormat.Bdf, reader.Format);
        Assert.Equal(2521, rows.Count);
        Assert.Equal((0.020, 2.9215, 0.0), (rows[0].Time_s, rows[0].Voltage_V, rows[0].Current_A));
        Assert.Equal((262657.764, 0.1086, -0.0002), (rows[^1].Time_s, rows[^1].Voltage_V, rows[^1].Current_A));
        Assert.Equal(2, rows[^1].Step); // step_index of the last line
        Assert.True(reader.Columns.HasFlag(DataColumns.Step));
        Assert.False(reader.Columns.HasFlag(DataColumns.Cycle)); // the reference has no cycle column
    }

    [Fact]
    public void Landt_csv()
    {
        // awk -F, 'NR>7{n++; c[$2]=1; ...} END{print n, length(c)}' landt-li-graphite-r2032.csv -> 2521 rows, 2 cycles;
        // first 0.020 s, 0.0000 A, 2.9215 V; last 262657.764 s, -0.0002 A, 0.1086 V ("discharge CC").
        var (rows, reader) = ReadAll("landt-li-graphite-r2032.csv");
        Assert.Equal(CyclerFormat.Landt, reader.Format);
        Assert.Equal(7, reader.HeaderLine);
        Assert.Equal(2521, rows.Count);
        Assert.Equal(2, DistinctCycles(rows));
        Assert.Equal((0.020, 0.0, 2.9215), (rows[0].Time_s, rows[0].Current_A, rows[0].Voltage_V));
        Assert.Equal((262657.764, -0.0002, 0.1086), (rows[^1].Time_s, rows[^1].Current_A, rows[^1].Voltage_V));
        Assert.Equal(StepKind.Rest, rows[0].StepType);
        Assert.Equal(StepKind.Discharge, rows[^1].StepType);
        Assert.Equal(2528, rows[^1].Line); // wc -l: the last record is on the file's last line
    }

    [Fact]
    public void Arbin_csv()
    {
        // awk -F, 'NR>1{n++}...' arbin-tc-contact-ch33.csv -> 287 rows; first 0.0 s, 6.600444793701172 A,
        // 3.298668384552002 V; last 1022.8913 s, 1.1000289916992188 A, 3.4119858741760254 V. Cycle_Index is blank throughout.
        var (rows, reader) = ReadAll("arbin-tc-contact-ch33.csv");
        Assert.Equal(CyclerFormat.Arbin, reader.Format);
        Assert.Equal(287, rows.Count);
        Assert.Equal((0.0, 6.600444793701172, 3.298668384552002), (rows[0].Time_s, rows[0].Current_A, rows[0].Voltage_V));
        Assert.Equal((1022.8913, 1.1000289916992188, 3.4119858741760254), (rows[^1].Time_s, rows[^1].Current_A, rows[^1].Voltage_V));
        Assert.False(reader.Columns.HasFlag(DataColumns.Cycle));
        Assert.Equal(0.6082700490951538, rows[^1].ChargeCapacity_Ah);
    }

    [Fact]
    public void Maccor_text_export()
    {
        // tr -d '\r' < maccor-4267-66-6519.041 | awk -F'\t' 'NR>2{...}' -> 74 rows, 1 cycle (Cyc# 0);
        // TestTime "0d 00:00:00.0000" to "0d 00:00:10.0000"; Volts 3.90806439 first, 3.91172656 last;
        // State: R 11, FRA 61, P 1, O 1.
        var (rows, reader) = ReadAll("maccor-4267-66-6519.041");
        Assert.Equal(CyclerFormat.Maccor, reader.Format);
        Assert.Equal(2, reader.HeaderLine);
        Assert.Equal(74, rows.Count);
        Assert.Equal(1, DistinctCycles(rows));
        Assert.Equal((0.0, 3.90806439), (rows[0].Time_s, rows[0].Voltage_V));
        Assert.Equal((10.0, 3.91172656), (rows[^1].Time_s, rows[^1].Voltage_V));
        Assert.Equal(11, rows.Count(r => r.StepType == StepKind.Rest));
        Assert.Equal(63, rows.Count(r => r.StepType == StepKind.Other));
        Assert.Equal(3, rows[^1].Step);
    }

    [Fact]
    public void Neware_csv()
    {
        // awk -F, 'NR>1{n++; c[$2]=1; ...} END{print n, length(c)}' neware-uio.csv -> 5818 rows, 2 cycles (the copy
        // ends with cycle 2); Cumulative Time 00:00:00 .. 92:46:55 (= 334015 s);
        // last Step Type Rest, Current(A) 0.00000000, Voltage(V) 0.8987; first Voltage 2.9170.
        var (rows, reader) = ReadAll("neware-uio.csv");
        Assert.Equal(CyclerFormat.Neware, reader.Format);
        Assert.Equal(5818, rows.Count);
        Assert.Equal(2, DistinctCycles(rows));
        Assert.Equal((0.0, 0.0, 2.9170), (rows[0].Time_s, rows[0].Current_A, rows[0].Voltage_V));
        Assert.Equal((92 * 3600 + 46 * 60 + 55.0, 0.0, 0.8987), (rows[^1].Time_s, rows[^1].Current_A, rows[^1].Voltage_V));
        Assert.Equal(StepKind.Rest, rows[^1].StepType);
        // awk -F, 'NR>1{print $4, ($7<0)}' | sort | uniq -c: every "CC DChg" record has negative current.
        Assert.All(rows.Where(r => r.StepType == StepKind.Discharge), r => Assert.True(r.Current_A < 0));
    }

    [Fact]
    public void BioLogic_mpt_point_decimals()
    {
        // "Nb header lines : 91"; awk -F'\t' 'NR>91{n++; print $9, $11, $12, $60 ...}' -> 875 rows; cycle number 0..1
        // -> 2 cycles (the copy ends with cycle 1); first time/s 1.151097054670608E+003, Ewe/V 2.6495004E-004, I/mA 0;
        // last 1.816614790173410E+004 s, Ewe -8.4840336E-005 V, I 0 mA.
        var (rows, reader) = ReadAll("biologic-li-llzo-li-symmetric.mpt");
        Assert.Equal(CyclerFormat.BioLogicMpt, reader.Format);
        Assert.Equal(91, reader.HeaderLine);
        Assert.Equal(875, rows.Count);
        Assert.Equal(2, DistinctCycles(rows));
        Assert.Equal((1151.097054670608, 2.6495004E-004, 0.0), (rows[0].Time_s, rows[0].Voltage_V, rows[0].Current_A));
        Assert.Equal(18166.14790173410, rows[^1].Time_s, 9);
        Assert.Equal(-8.4840336E-005, rows[^1].Voltage_V);
        Assert.Equal(0.0, rows[^1].Current_A);
        // awk -F'\t' 'NR>91{n++; if($12+0!=0){print n, $9, $12; exit}}' -> row 7, 1.332575728440745E+003 s, I -2.3381424E-003 mA.
        Assert.Equal(1332.575728440745, rows[6].Time_s, 9);
        Assert.Equal(-2.3381424E-006, rows[6].Current_A, 15); // mA -> A
        // awk: rows with mode 1 and ox/red 1 have I > 0 (oxidation at WE = positive = charging).
        Assert.All(rows.Where(r => r.StepType == StepKind.Charge), r => Assert.True(r.Current_A > 0));
    }

    [Fact]
    public void BioLogic_mpt_decimal_commas()
    {
        // "Nb header lines : 94"; awk -F'\t' 'NR>94{...}' -> 33 rows, cycle number all 0; first time 0, Ewe 2,3278546;
        // last time 3,000019924211665E+001 s, Ewe 2,3260789 V, I/mA -6,4980278E+001.
        var (rows, reader) = ReadAll("biologic-decimal-comma.mpt");
        Assert.Equal(CyclerFormat.BioLogicMpt, reader.Format);
        Assert.Equal(33, rows.Count);
        Assert.Equal(1, DistinctCycles(rows));
        Assert.Equal((0.0, 2.3278546), (rows[0].Time_s, rows[0].Voltage_V));
        Assert.Equal(30.00019924211665, rows[^1].Time_s, 12);
        Assert.Equal(2.3260789, rows[^1].Voltage_V);
        Assert.Equal(-0.064980278, rows[^1].Current_A, 12);
    }

    [Fact]
    public void Neware_cycle_capacities_match_the_instruments_own_counters()
    {
        // The summary integrates current; Neware counts charge itself. From the file:
        // awk -F, 'NR>1{...max $11 per cycle, max $13 per cycle+step}' neware-uio.csv ->
        // cycle 1: charge 0.00424934 Ah, discharge 0.00468031+0.00028183+0.00012414 Ah;
        // cycle 2: charge 0.00424668 Ah, discharge 0.00406473+0.00019820+0.00010548 Ah.
        using var reader = CyclerDataReader.Open(TestData.File("neware-uio.csv"));
        var summary = CycleSummaryBuilder.Of(reader);
        Assert.Equal(2, summary.CycleCount); // the copy ends with cycle 2
        Assert.Equal(CeReference.DischargeFirst, summary.CeReference); // half cell, discharges (lithiates) first
        var c1 = summary.Cycles[0];
        var c2 = summary.Cycles[1];
        Assert.Equal(0.00424934, c1.ChargeCapacity_Ah, 0.00424934 * 0.005);
        Assert.Equal(0.00508628, c1.DischargeCapacity_Ah, 0.00508628 * 0.005);
        Assert.Equal(0.00424668, c2.ChargeCapacity_Ah, 0.00424668 * 0.005);
        Assert.Equal(0.00436841, c2.DischargeCapacity_Ah, 0.00436841 * 0.005);
        Assert.Equal(0.00424668 / 0.00436841, c2.CoulombicEfficiency!.Value, 0.01);
    }
}
