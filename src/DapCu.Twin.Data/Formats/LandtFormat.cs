namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Landt (LANHE) exports, three layouts:
/// (1) the CSV published by SINTEF with the BDF reference data: "key:value" metadata lines, then
/// "channel_index,cycle_index,step_index,date_time_iso_string,test_time_s,step_time_s,current_A,voltage_V,
/// discharge_capacity_Ah,charge_capacity_Ah,...,temperature_1_C,...,step_name"; current signed (negative discharges);
/// (2) the Maccor-compatible text export: a title line, then tab-separated "Rec#  Cyc#  Step  Test(Sec)  Step(Sec)
/// Amp-hr  Watt-hr  Amps  Volts  State  ES  DPt-Time" (battery-data-format LANDT_TXT), Amps a magnitude signed by State;
/// (3) LANDdt's own table, "Record,Cycle,Step,TestTime,StepTime,Current/mA,Capacity/mAh,SpeCap/mAh/g,Voltage/V,
/// Energy/mWh,SysTime,State" with "Current/uA", "Capacity/uAh" on small cells, times as seconds, "TestTime/h"
/// or clocks "1-02:03:04"; current signed.
/// </summary>
internal sealed class LandtFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Landt;
    public override char Delimiter => ',';
    public override char[] Delimiters => [',', '\t', ';'];

    private static readonly Dictionary<string, Alias> Aliases = new()
    {
        // (1) SINTEF CSV: unit folded into the name
        ["testtimes"] = new(Quantity.Time, "s"),
        ["currenta"] = new(Quantity.Current, "A"),
        ["currentma"] = new(Quantity.Current, "mA"),
        ["voltagev"] = new(Quantity.Voltage, "V"),
        ["cycleindex"] = new(Quantity.Cycle, "1"),
        ["stepindex"] = new(Quantity.Step, "1"),
        ["stepname"] = new(Quantity.StepType, "1"),
        ["chargecapacityah"] = new(Quantity.ChargeCapacity, "Ah"),
        ["dischargecapacityah"] = new(Quantity.DischargeCapacity, "Ah"),
        ["chargecapacitymah"] = new(Quantity.ChargeCapacity, "mAh"),
        ["dischargecapacitymah"] = new(Quantity.DischargeCapacity, "mAh"),
        ["temperature1c"] = new(Quantity.Temperature, "degC"),
        // (2) Maccor-compatible text
        ["test"] = new(Quantity.Time, "s"),
        ["amps"] = new(Quantity.Current, "A", Magnitude: true),
        ["volts"] = new(Quantity.Voltage, "V"),
        ["cyc#"] = new(Quantity.Cycle, "1"),
        ["step"] = new(Quantity.Step, "1"),
        ["state"] = new(Quantity.StepType, "1"),
        ["amphr"] = new(Quantity.StepCapacity, "Ah"),
        // (3) LANDdt table
        ["testtime"] = new(Quantity.Time, "s"),
        ["current"] = new(Quantity.Current, "mA"),
        ["voltage"] = new(Quantity.Voltage, "V"),
        ["cycle"] = new(Quantity.Cycle, "1"),
        ["cycleno"] = new(Quantity.Cycle, "1"),
        ["stepno"] = new(Quantity.Step, "1"),
        ["capacity"] = new(Quantity.StepCapacity, "mAh"),
        ["temperature"] = new(Quantity.Temperature, "degC"),
    };

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        for (int i = 0; i < Math.Min(20, probe.Lines.Count); i++)
        {
            var f = Fields(probe.Lines[i], delimiter);
            if (f.Length < 3) continue;
            var keys = Keys(f);
            var q = QuantitiesOf(f);
            if (!(q.Contains(Quantity.Time) && q.Contains(Quantity.Current) && q.Contains(Quantity.Voltage))) continue;
            // (1) after "key:value" metadata lines
            if (keys.Contains("testtimes") && (keys.Contains("stepname") || keys.Contains("channelindex"))
                && probe.Lines.Take(i).All(l => l.Contains(':'))) return i;
            // (2) Maccor-style with Landt's "Test(Sec)"
            if (keys[0] is "rec#" && f.Any(c => ColumnName.Parse(c).Key == "test")) return i;
            // (3) LANDdt: "Record" plus "SysTime" or "TestTime", units after a slash
            if (keys.Contains("record") && (keys.Contains("systime") || keys.Contains("testtime"))
                && f.Any(c => c.StartsWith("Current/", StringComparison.OrdinalIgnoreCase))) return i;
        }
        return -1;
    }

    public override ColumnRole? Classify(string column) => ByAlias(column, Aliases);

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'test_time_s', 'Test(Sec)' or 'TestTime'",
        Quantity.Current => "'current_A', 'Amps' or 'Current/mA'",
        Quantity.Voltage => "'voltage_V', 'Volts' or 'Voltage/V'",
        _ => quantity.ToString(),
    };
}
