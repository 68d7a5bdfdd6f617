using System.Text;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Real-world variants of each export, reproduced as small fixtures: the header and row layout follow the public
/// example named in each test (values are ours, chosen so the expected figures can be worked out by hand).
/// </summary>
public class VariantTests
{
    static VariantTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static (CyclerFormat Format, List<CyclerRow> Rows, DataColumns Columns) Read(string path)
    {
        using var reader = CyclerDataReader.Open(path);
        var rows = reader.ToList();
        return (reader.Format, rows, reader.Columns);
    }

    private static string Write(TempDir dir, string name, string text, Encoding? encoding = null)
    {
        var path = dir.File(name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    // ---------------- Arbin ----------------

    [Fact]
    public void Arbin_mits_pro_8_spaced_headers_with_units()
    {
        // Header as battery-data-format tests/integration/test_cases.py lists for its arbin_csv sample (MITS Pro 8).
        using var dir = new TempDir();
        var path = Write(dir, "arbin8.csv",
            "Data Point,Date Time,Test Time (s),Step Time (s),Cycle Index,Step Index,Current (A),Voltage (V),Power (W),Charge Capacity (Ah),Discharge Capacity (Ah),Charge Energy (Wh),Discharge Energy (Wh),ACR (Ohm),Internal Resistance (Ohm),Aux_Temperature_1 (C)\n" +
            "1,05/09/2017 14:47:33.170,0.5,0.5,1,2,1.5,3.30,4.95,0.001,0,0.0033,0,0,0.02,25.5\n" +
            "2,05/09/2017 14:47:34.170,1.5,1.5,1,3,-0.75,3.20,-2.4,0.001,0.0002,0.0033,0.0006,0,0.02,25.6\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Arbin, format);
        Assert.Equal([0.5, 1.5], rows.Select(r => r.Time_s));
        Assert.Equal([1.5, -0.75], rows.Select(r => r.Current_A)); // signed as written: positive charges
        Assert.Equal([3.3, 3.2], rows.Select(r => r.Voltage_V));
        Assert.Equal([2, 3], rows.Select(r => r.Step));
        Assert.Equal(0.0002, rows[1].DischargeCapacity_Ah);
        Assert.Equal(25.6, rows[1].Temperature_C);
    }

    [Fact]
    public void Arbin_german_locale_semicolons_decimal_commas_and_milli_units()
    {
        // cellpy arbin_sql_csv.py names (Test_Time(s), Current(A)...); a German Windows writes ';' and ','.
        using var dir = new TempDir();
        var path = Write(dir, "arbin-de.csv",
            "Data_Point;Test_Time(s);Step_Index;Cycle_Index;Current(mA);Voltage(V);Charge_Capacity(mAh);Discharge_Capacity(mAh)\n" +
            "1;1,5;1;1;-200,5;3,125;0;0,25\n" +
            "2;2,5;1;1;-200,5;3,120;0;0,30\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Arbin, format);
        Assert.Equal([1.5, 2.5], rows.Select(r => r.Time_s));
        Assert.Equal(-0.2005, rows[0].Current_A, 12);
        Assert.Equal(3.125, rows[0].Voltage_V);
        Assert.Equal(0.0003, rows[1].DischargeCapacity_Ah, 12);
    }

    [Fact]
    public void Arbin_channel_sheet_title_and_repeated_header_are_skipped()
    {
        // MITS exports several sheets ("Channel_1-006" per channel, cf. battery-data-format plugins.py ARBIN_XLSX
        // sheet_pattern "^Channel[_-]"); saved as one CSV the title precedes the header and a header may repeat.
        using var dir = new TempDir();
        const string header = "Data_Point,Test_Time,DateTime,Step_Time,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity\n";
        var path = Write(dir, "arbin-sheets.csv",
            "Channel_1-006\n" + header +
            "1,0,1494377253.17,0,1,1,0.1,3.0,0,0\n" +
            header +
            "2,10,1494377263.17,10,1,1,0.1,3.1,0.0002777,0\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Arbin, format);
        Assert.Equal([0.0, 10], rows.Select(r => r.Time_s));
        Assert.Equal([3.0, 3.1], rows.Select(r => r.Voltage_V));
    }

    // ---------------- BDF ----------------

    [Fact]
    public void Bdf_labels_in_other_units_and_bracket_styles()
    {
        // battery-data-format tests/data/bdf/sample.bdf.csv writes labels "Test Time / s,Voltage / V,Current / A";
        // the ontology's units allow hours, millivolts and milliamperes.
        using var dir = new TempDir();
        var path = Write(dir, "labels.bdf.csv",
            "Test Time / h,Voltage / mV,Current / mA,Cycle Count / 1,Step Index / 1,Charging Capacity / mAh,Temperature T1 / degC\n" +
            "0.5,3700,100,1,2,50,25\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Bdf, format);
        var r = Assert.Single(rows);
        Assert.Equal(1800, r.Time_s);
        Assert.Equal(3.7, r.Voltage_V, 12);
        Assert.Equal(0.1, r.Current_A, 12);
        Assert.Equal((1, 2), (r.Cycle, r.Step));
        Assert.Equal(0.05, r.ChargeCapacity_Ah, 12);
        Assert.Equal(25, r.Temperature_C);

        var brackets = Write(dir, "brackets.csv", "Test Time (s),Voltage [V],Current/A\n0,3.1,-0.002\n");
        var b = Read(brackets);
        Assert.Equal(CyclerFormat.Bdf, b.Format);
        Assert.Equal(-0.002, Assert.Single(b.Rows).Current_A);
    }

    [Fact]
    public void Bdf_with_bom_crlf_and_utf16()
    {
        // Excel "CSV UTF-8" adds a byte order mark and CRLF; "Unicode text" is UTF-16 LE with a mark.
        using var dir = new TempDir();
        const string text = "test_time_second,voltage_volt,current_ampere,cycle_count\r\n0,3.5,0.25,1\r\n60,3.6,0.25,1\r\n";
        foreach (var (name, encoding) in new (string, Encoding)[] { ("bom.csv", new UTF8Encoding(true)), ("utf16.csv", Encoding.Unicode), ("utf16be.csv", Encoding.BigEndianUnicode) })
        {
            var (format, rows, _) = Read(Write(dir, name, text, encoding));
            Assert.Equal(CyclerFormat.Bdf, format);
            Assert.Equal([0.0, 60], rows.Select(r => r.Time_s));
            Assert.Equal([3.5, 3.6], rows.Select(r => r.Voltage_V));
            Assert.All(rows, r => Assert.Equal(0.25, r.Current_A));
        }
    }

    [Fact]
    public void Bdf_fractional_cycle_count_is_ignored_not_fatal()
    {
        // battery-data-format docs/examples/reference/SINTEF__G20M7-...__Neware.bdf.csv has cycle_count 6.283185307179586.
        using var dir = new TempDir();
        var path = Write(dir, "odd.bdf.csv",
            "test_time_second,voltage_volt,current_ampere,cycle_count,step_count,step_index\n" +
            "0.0,3.3067002,0.0,6.283185307179586,1,1\n10.000999,3.306729,0.0,6.283185307179586,1,1\n");
        var (_, rows, columns) = Read(path);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(0, r.Cycle));
        Assert.False(columns.HasFlag(DataColumns.Cycle));
        Assert.All(rows, r => Assert.Equal(1, r.Step));
    }

    // ---------------- BioLogic ----------------

    [Fact]
    public void BioLogic_bt_lab_header()
    {
        // BT-Lab (BCS cyclers) writes "BT-Lab ASCII FILE" (battery-data-format plugins.py BIOLOGIC_MPT magic).
        using var dir = new TempDir();
        var path = Write(dir, "btlab.mpt",
            "BT-Lab ASCII FILE\nNb header lines : 4\n\nmode\tox/red\ttime/s\tEcell/V\tI/mA\tcycle number\tNs\t\n" +
            "1\t1\t0.000000000000000E+000\t3.500000E+000\t2.000000E+000\t0.000000000000000E+000\t1\t\n" +
            "1\t0\t3.600000000000000E+003\t3.400000E+000\t-2.000000E+000\t1.000000000000000E+000\t2\t\n", Encoding.Latin1);
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.BioLogicMpt, format);
        Assert.Equal([0.0, 3600], rows.Select(r => r.Time_s));
        Assert.Equal([0.002, -0.002], rows.Select(r => r.Current_A));
        Assert.Equal([0, 1], rows.Select(r => r.Cycle));
        Assert.Equal([StepKind.Charge, StepKind.Discharge], rows.Select(r => r.StepType));
    }

    [Fact]
    public void BioLogic_export_without_header_in_latin1_with_micro_amperes()
    {
        // EC-Lab "Export as text" with the header option off starts with the column line; column names as in
        // dgbowl/yadg extractors/eclab/mpt_columns.py ("<I>/mA" family, "Q charge/mA.h"), "µ" as the Latin-1 byte 0xB5.
        using var dir = new TempDir();
        var path = Write(dir, "noheader.mpt",
            "mode\tox/red\terror\ttime/s\tEwe/V\t<I>/µA\tQ charge/mA.h\tQ charge/mA.h/g\tcycle number\n" +
            "1\t0\t0\t1.0\t0.1\t-28.0\t0.0\t0.0\t0\n" +
            "1\t0\t0\t2.0\t0.05\t-28.0\t0.01\t7.0\t0\n", Encoding.Latin1);
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.BioLogicMpt, format);
        Assert.Equal(-28e-6, rows[0].Current_A, 15);
        Assert.Equal(0.05, rows[1].Voltage_V);
        Assert.Equal(1e-5, rows[1].ChargeCapacity_Ah, 15); // mA.h, not the per-gram column
    }

    // ---------------- Maccor ----------------

    [Fact]
    public void Maccor_three_title_lines_short_clock_times_and_aux_unit_columns()
    {
        // cellpy testdata/data/maccor_001.txt: "Today's Date:/Filename:/Procedure:" lines, times "0d 00:00:5.05000019073486",
        // Aux columns each followed by a " Units" column; Amps is a magnitude signed by State.
        using var dir = new TempDir();
        var path = Write(dir, "maccor001.txt",
            "Today's Date:\t14 December 2020\tDate of Test:\t11 December 2020, 12:22:12 PM\n" +
            "    Filename:\tM50_Validation_0deg_01\tTester Channel:\t1\n" +
            "Procedure:\tM50_Validation.000\tDescription:\n" +
            "Rec#\tCyc#\tStep\tTestTime\tStepTime\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\tDPt Time\tACImp/Ohms\tDCIR/Ohms\tAux #1\t Units\tAux #2\t Units\n" +
            "1\t0\t1\t  0d 00:00:0\t  0d 00:00:0\t0.00000\t0.00000\t0.00000\t3.46250\tR\t0\t12/11/2020 12:22:12\t0.00000\t0.00000\t25.1\t C  \t25.2\t C  \n" +
            "2\t0\t2\t  0d 00:00:5.05000019073486\t  0d 00:00:0.05\t0.00060\t0.00203\t0.50401\t3.41627\tD\t0\t12/11/2020 12:22:17\t0.00000\t0.00000\t25.1\t C  \t25.2\t C  \n" +
            "3\t1\t3\t  1d 00:01:0.5\t  0d 00:00:1\t0.10000\t0.35000\t1.50233\t4.20012\tC\t0\t12/12/2020 12:23:13\t0.00000\t0.00000\t25.1\t C  \t25.2\t C  \n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Maccor, format);
        Assert.Equal(0, rows[0].Time_s);
        Assert.Equal(5.05000019073486, rows[1].Time_s, 9);
        Assert.Equal(86400 + 60.5, rows[2].Time_s, 9);
        Assert.Equal([0, -0.50401, 1.50233], rows.Select(r => r.Current_A));
        Assert.Equal(0.1, rows[2].StepCapacity_Ah);
        Assert.Equal([0, 0, 1], rows.Select(r => r.Cycle));
    }

    [Fact]
    public void Maccor_newer_header_block_cycle_c_md_and_decimal_commas()
    {
        // cellpy testdata/data/maccor_002.txt (+ configurations/maccor_txt_two.py: tab, decimal ',', ISO-8859-1):
        // twelve "key\tvalue" lines, a blank line, "Rec  Cycle P  Cycle C  Step  TestTime ... Cap. [Ah] ... Current [A]  Voltage [V]  Md",
        // then another blank line; TestTime in plain seconds.
        using var dir = new TempDir();
        var block = "Name:\tCW-SIMBA\nChannel:\t53\nTester\tMaccor #4\nProcedure\tCT.000\nDescription\tcapacity test\nStarted\t5/11/2021 3:40:24 PM\n" +
                    "SCap\t0,017\nC Rate\t0,002\nCh. max. V\t6,00 V\nDisCh. min. V\t0,00 V\nCh. max. I\t5,000 A\nDisCh. max. I\t5,000 A\n\n";
        var path = Write(dir, "maccor002.txt", block +
            "Rec\tCycle P\tCycle C\tStep\tTestTime\tStepTime\tCap. [Ah]\tEner. [Wh]\tCurrent [A]\tVoltage [V]\tMd\tES\tDPT Time\n\n" +
            "1\t0\t1\t1\t0,000000\t0,000000\t0,00000000\t0,00000000\t0,00000000\t0,1783\tR\t0\t5/11/2021 3:40:24 PM\n" +
            "2\t0\t1\t2\t30,500000\t0,500000\t0,00000125\t0,00000000\t0,00016152\t0,2500\tC\t0\t5/11/2021 3:40:54 PM\n" +
            "3\t0\t2\t3\t90,000000\t10,000000\t0,00000200\t0,00000000\t0,00016190\t3,7000\tD\t0\t5/11/2021 3:41:54 PM\n", Encoding.Latin1);
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Maccor, format);
        Assert.Equal([0.0, 30.5, 90], rows.Select(r => r.Time_s));
        Assert.Equal([0, 0.00016152, -0.0001619], rows.Select(r => r.Current_A));
        Assert.Equal([1, 1, 2], rows.Select(r => r.Cycle)); // "Cycle C", not "Cycle P"
        Assert.Equal(1.25e-6, rows[1].StepCapacity_Ah, 15);
        Assert.Equal(3.7, rows[2].Voltage_V);
    }

    [Fact]
    public void Maccor_milli_units()
    {
        // cellpy configurations/maccor_txt_three.py (WMG): two comment rows, "mAmp-hr  mWatt-hr  mAmps  Volts", decimal ','.
        using var dir = new TempDir();
        var path = Write(dir, "maccor-wmg.txt",
            "Today's Date 03/07/2018\n Procedure: x\n" +
            "Rec#\tCyc#\tStep\tTestTime\tStepTime\tmAmp-hr\tmWatt-hr\tmAmps\tVolts\tState\tES\tDPt Time\n" +
            "1\t1\t1\t  0d 00:00:10,0\t  0d 00:00:10,0\t2,5\t9,0\t250,0\t3,60\tD\t0\t03/07/2018 10:00:10\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Maccor, format);
        var r = Assert.Single(rows);
        Assert.Equal(10, r.Time_s);
        Assert.Equal(-0.25, r.Current_A, 12);
        Assert.Equal(0.0025, r.StepCapacity_Ah, 12);
        Assert.Equal(3.6, r.Voltage_V);
    }

    [Fact]
    public void Maccor_mims_csv()
    {
        // battery-data-format test_cases.py maccor_csv: comma-separated, "Today's Date ," preamble (13 lines), then
        // "Rec,Cycle P,Cycle C,Step,Test Time [s],Step Time [s],Capacity [Ah],Energy [Wh],Current [A],Voltage [V],Md,ES,DPT Time,...".
        using var dir = new TempDir();
        var preamble = "Today's Date ,06/02/2019\nDate of Test:,06/01/2019\n" + string.Concat(Enumerable.Range(0, 11).Select(i => $"Key {i}:,value\n"));
        var path = Write(dir, "maccor.csv", preamble +
            "Rec,Cycle P,Cycle C,Step,Test Time [s],Step Time [s],Capacity [Ah],Energy [Wh],Current [A],Voltage [V],Md,ES,DPT Time,Temperature Cell [degC],Temperature Chamber [degC]\n" +
            "1,0,1,4,7200.5,100.5,0.25,0.9,-2.5,3.55,D,0,6/1/2019 10:00:00 AM,24.5,25.0\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Maccor, format);
        var r = Assert.Single(rows);
        Assert.Equal(7200.5, r.Time_s);
        Assert.Equal(-2.5, r.Current_A);
        Assert.Equal((1, 4), (r.Cycle, r.Step));
        Assert.Equal(24.5, r.Temperature_C);
    }

    // ---------------- Neware ----------------

    [Fact]
    public void Neware_nested_cycle_step_record_export()
    {
        // cellpy testdata/data/nw_regular_export_ife_example.csv: three header lines; the first cycle row also carries its
        // first step; records start with two empty fields; step rows start with one.
        using var dir = new TempDir();
        var path = Write(dir, "nested.csv",
            "Cycle Index,Chg. Cap.(Ah),DChg. Cap.(Ah),Chg.-DChg. Eff(%),Chg. Energy(Wh),DChg. Energy(Wh),Chg. Time,DChg. Time\n" +
            ",Step Index,Step Number,Step Type,Step Time,Capacity(Ah),Energy(Wh),Oneset Volt.(V),End Voltage(V)\n" +
            ",,DataPoint,Time,Total Time,Current(A),Voltage(V),Capacity(Ah),Energy(Wh),Date,Power(W)\n" +
            "1,0.02256,0.33067,1465.46,0.10243,1.34319,00:02:51,00:41:50,1,1,Rest,00:00:20,0.00000,0.00000,4.3185,4.3186\n" +
            ",,1,00:00:00,00:00:00,0.00000,4.3185,0.000000000,0.00000,2026-03-06 12:37:25,0.00000\n" +
            ",,2,00:00:20,00:00:20,0.00000,4.3186,0.000000000,0.00000,2026-03-06 12:37:45,0.00000\n" +
            ",2,2,CC Chg,00:02:51,0.02256,0.10243,4.3734,4.7000\n" +
            ",,3,00:01:00,00:01:20,0.50000,4.5000,0.008333333,0.03750,2026-03-06 12:38:45,2.25000\n" +
            ",4,4,CC DChg,00:41:50,0.33067,1.34319,4.3366,3.9000\n" +
            ",,4,00:10:00,00:11:20,0.50000,4.1000,0.083333333,0.34000,2026-03-06 12:48:45,2.05000\n" +
            "2,0.32780,0.33172,101.20,1.46454,1.35982,00:41:28,00:41:58\n" +
            ",2,6,CC Chg,00:41:28,0.32780,1.46454,4.2046,4.7000\n" +
            ",,5,00:00:30,00:11:50,0.50000,4.2100,0.004166667,0.01750,2026-03-06 12:49:15,2.10500\n");
        var (format, rows, columns) = Read(path);
        Assert.Equal(CyclerFormat.Neware, format);
        Assert.Equal([0.0, 20, 80, 680, 710], rows.Select(r => r.Time_s));
        Assert.Equal([0, 0, 0.5, -0.5, 0.5], rows.Select(r => r.Current_A)); // sign from the step row's type
        Assert.Equal([1, 1, 1, 1, 2], rows.Select(r => r.Cycle));
        Assert.Equal([1, 1, 2, 4, 2], rows.Select(r => r.Step));
        Assert.Equal([StepKind.Rest, StepKind.Rest, StepKind.Charge, StepKind.Discharge, StepKind.Charge], rows.Select(r => r.StepType));
        Assert.True(columns.HasFlag(DataColumns.Cycle | DataColumns.Step | DataColumns.StepType));
    }

    [Fact]
    public void Neware_chinese_headers_in_gb18030()
    {
        // battery-data-format table_normalizers.py NEWARE synonyms 总时间(s), 电流(mA), 电压(V); BTS in Chinese writes GB18030.
        using var dir = new TempDir();
        var path = Write(dir, "neware-cn.csv",
            "数据序号,循环号,工步号,工步类型,时间,总时间(s),电流(mA),电压(V),容量(mAh)\n" +
            "1,1,1,搁置,0,0,0,3.0000,0\n" +
            "2,1,2,恒流充电,60,120,150.0,3.5000,2.5\n" +
            "3,1,3,恒流放电,60,240,150.0,3.2000,2.5\n", Encoding.GetEncoding("GB18030"));
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Neware, format);
        Assert.Equal([0.0, 120, 240], rows.Select(r => r.Time_s));
        Assert.Equal([0, 0.15, -0.15], rows.Select(r => r.Current_A));
        Assert.Equal([StepKind.Rest, StepKind.Charge, StepKind.Discharge], rows.Select(r => r.StepType));
        Assert.Equal(0.0025, rows[2].StepCapacity_Ah, 12);
    }

    [Fact]
    public void Neware_bts8_seconds_milli_units_semicolons_and_day_clocks()
    {
        // BTS 8: "Total Time(s)" (battery-data-format test_cases.py neware_csv); cellpy neware_txt_one: mA / mAh.
        using var dir = new TempDir();
        var seconds = Write(dir, "bts8.csv",
            "DataPoint,Cycle Index,Step Index,Step Type,Time(s),Total Time(s),Current(mA),Voltage(V),Chg. Cap.(mAh),DChg. Cap.(mAh)\n" +
            "1,1,2,CC Chg,10.5,3610.5,-100,3.9,0.29,0\n");
        var r = Assert.Single(Read(seconds).Rows);
        Assert.Equal(3610.5, r.Time_s);
        Assert.Equal(0.1, r.Current_A, 12); // CC Chg: charging whatever the printed sign
        Assert.Equal(0.00029, r.ChargeCapacity_Ah, 12);

        var semicolons = Write(dir, "neware-de.csv",
            "DataPoint;Cycle Index;Step Index;Step Type;Time;Total Time;Current(A);Voltage(V);Capacity(Ah)\n" +
            "1;3;5;CC DChg;00:30:00;1 day, 2:00:00;0,5;3,75;0,25\n");
        var d = Assert.Single(Read(semicolons).Rows);
        Assert.Equal(26 * 3600, d.Time_s);
        Assert.Equal(-0.5, d.Current_A);
        Assert.Equal(3.75, d.Voltage_V);
        Assert.Equal(0.25, d.StepCapacity_Ah);
    }

    // ---------------- Landt ----------------

    [Fact]
    public void Landt_maccor_style_text_export()
    {
        // battery-data-format test_cases.py landt_txt: one title line, tab-separated
        // "Rec#  Cyc#  Step  Test(Sec)  Step(Sec)  Amp-hr  Watt-hr  Amps  Volts  State  ES  DPt-Time".
        using var dir = new TempDir();
        var path = Write(dir, "landt.txt",
            "SINTEF LiGr R2032\n" +
            "Rec#\tCyc#\tStep\tTest(Sec)\tStep(Sec)\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\tDPt-Time\n" +
            "1\t1\t1\t0.02\t0.02\t0\t0\t0\t2.9215\tR\t0\t2024-04-30 14:33:19\n" +
            "2\t1\t2\t3615.02\t15.02\t0.0000008\t0.0000001\t0.0002\t0.3\tD\t0\t2024-04-30 15:33:34\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Landt, format);
        Assert.Equal([0.02, 3615.02], rows.Select(r => r.Time_s));
        Assert.Equal([0, -0.0002], rows.Select(r => r.Current_A));
        Assert.Equal([1, 2], rows.Select(r => r.Step)); // "Step", not "Step(Sec)"
        Assert.Equal(8e-7, rows[1].StepCapacity_Ah, 15);
    }

    [Fact]
    public void Landt_landdt_table_with_micro_units_and_day_clock()
    {
        // LANDdt table columns "Record, Cycle, Step, TestTime, Current/uA, Capacity/uAh, SpeCap/mAh/g, Voltage/V, SysTime"
        // (LANHE exports as parsed in public readers, e.g. the ORDERED_COLUMNS list of a LANHE reader); current signed.
        using var dir = new TempDir();
        var path = Write(dir, "landdt.csv",
            "Record,Cycle,Step,TestTime,StepTime,Current/uA,Capacity/uAh,SpeCap/mAh/g,Voltage/V,Energy/uWh,SysTime,State\n" +
            "1,1,1,0-00:00:10,0-00:00:10,0,0,0,2.9,0,2024-01-01 10:00:10,R\n" +
            "2,1,2,1-00:00:10,0-23:59:50,-200,4797.2,300,0.5,0,2024-01-02 10:00:10,D_CC\n");
        var (format, rows, _) = Read(path);
        Assert.Equal(CyclerFormat.Landt, format);
        Assert.Equal([10.0, 86410], rows.Select(r => r.Time_s));
        Assert.Equal(-200e-6, rows[1].Current_A, 15);
        Assert.Equal(4797.2e-6, rows[1].StepCapacity_Ah, 12);
        Assert.Equal(StepKind.Discharge, rows[1].StepType);
    }

    // ---------------- still refused, clearly ----------------

    [Fact]
    public void Unknown_layout_still_names_file_line_and_expectation()
    {
        using var dir = new TempDir();
        var path = Write(dir, "mystery.csv", "Zeit;Spannung;Strom\n0;3,1;0,1\n");
        var e = Assert.Throws<DataFormatException>(() => CyclerDataReader.Open(path).Dispose());
        Assert.Equal(1, e.Line);
        Assert.Contains(path, e.Message);
        Assert.Contains("expected a Battery Data Format header", e.Message);
    }
}
