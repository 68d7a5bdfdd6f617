namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Arbin MITS CSV export: "Data_Point,Test_Time,...,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity,..."
/// in s, A, V, Ah; newer exports append units, "Test_Time(s)", "Current(A)". Positive current charges.
/// </summary>
internal sealed class ArbinFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Arbin;
    public override char Delimiter => ',';

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        if (probe.Lines.Count == 0) return -1;
        var names = Fields(probe.Lines[0], delimiter).Select(f => SplitParenUnit(f).Name).ToArray();
        return Has(names, "Test_Time", "Current", "Voltage", "Cycle_Index", "Step_Index") ? 0 : -1;
    }

    public override ColumnRole? Classify(string column)
    {
        var (name, unit) = SplitParenUnit(column);
        return name.ToLowerInvariant() switch
        {
            "test_time" => Role(Quantity.Time, unit, "s"),
            "current" => Role(Quantity.Current, unit, "A"),
            "voltage" => Role(Quantity.Voltage, unit, "V"),
            "cycle_index" => new ColumnRole(Quantity.Cycle, 1),
            "step_index" => new ColumnRole(Quantity.Step, 1),
            "charge_capacity" => Role(Quantity.ChargeCapacity, unit, "Ah"),
            "discharge_capacity" => Role(Quantity.DischargeCapacity, unit, "Ah"),
            "temperature" => Role(Quantity.Temperature, unit, "degC"),
            _ => null,
        };
    }

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'Test_Time' or 'Test_Time(s)'",
        Quantity.Current => "'Current' or 'Current(A)'",
        Quantity.Voltage => "'Voltage' or 'Voltage(V)'",
        _ => quantity.ToString(),
    };
}
