namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Landt CSV export as published by SINTEF with the BDF reference data: six "key:value" metadata lines
/// (cell model, cell id, test, checkpoint, nominal capacity, nominal energy), then
/// "channel_index,cycle_index,step_index,date_time_iso_string,test_time_s,step_time_s,current_A,voltage_V,
/// discharge_capacity_Ah,charge_capacity_Ah,...,temperature_1_C,...,step_name". Current is signed (negative discharges).
/// </summary>
internal sealed class LandtFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Landt;
    public override char Delimiter => ',';

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        // The metadata block comes first; the header is the first line naming test_time_s and current.
        for (int i = 1; i < Math.Min(20, probe.Lines.Count); i++)
        {
            var f = Fields(probe.Lines[i], delimiter);
            if (Has(f, "test_time_s", "voltage_V", "current_A", "step_index") && HasAny(f, "step_name", "channel_index")
                && probe.Lines.Take(i).All(l => l.Contains(':'))) return i;
        }
        return -1;
    }

    public override ColumnRole? Classify(string column) => column.Trim() switch
    {
        "test_time_s" => new ColumnRole(Quantity.Time, 1),
        "current_A" => new ColumnRole(Quantity.Current, 1),
        "current_mA" => new ColumnRole(Quantity.Current, 1e-3),
        "voltage_V" => new ColumnRole(Quantity.Voltage, 1),
        "cycle_index" => new ColumnRole(Quantity.Cycle, 1),
        "step_index" => new ColumnRole(Quantity.Step, 1),
        "step_name" => new ColumnRole(Quantity.StepType, 1),
        "charge_capacity_Ah" => new ColumnRole(Quantity.ChargeCapacity, 1),
        "discharge_capacity_Ah" => new ColumnRole(Quantity.DischargeCapacity, 1),
        "temperature_1_C" => new ColumnRole(Quantity.Temperature, 1),
        _ => null,
    };

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'test_time_s'",
        Quantity.Current => "'current_A'",
        Quantity.Voltage => "'voltage_V'",
        _ => quantity.ToString(),
    };
}
