namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Arbin MITS CSV export. Header spellings seen in the wild:
/// MITS Pro 4-7 "Data_Point,Test_Time,...,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity" (s, A, V, Ah; TRI-AMDD/beep),
/// "Test_Time(s),Current(A),Voltage(V),Charge_Capacity(Ah)" (cellpy arbin_sql_csv), and MITS Pro 8 / MITS X
/// "Data Point,Date Time,Test Time (s),Step Time (s),Cycle Index,Step Index,Current (A),Voltage (V),
/// Charge Capacity (Ah),...,Aux_Temperature_1 (C)" (battery-data-format table_normalizers ARBIN).
/// Exports of several channels repeat the header (optionally under a "Channel_1-006" title line).
/// German-locale exports use semicolons and decimal commas. Positive current charges.
/// </summary>
internal sealed class ArbinFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Arbin;
    public override char Delimiter => ',';
    public override char[] Delimiters => [',', ';', '\t'];

    private static readonly Dictionary<string, Alias> Aliases = new()
    {
        ["testtime"] = new(Quantity.Time, "s"),
        ["current"] = new(Quantity.Current, "A"),
        ["voltage"] = new(Quantity.Voltage, "V"),
        ["cycleindex"] = new(Quantity.Cycle, "1"),
        ["stepindex"] = new(Quantity.Step, "1"),
        ["chargecapacity"] = new(Quantity.ChargeCapacity, "Ah"),
        ["dischargecapacity"] = new(Quantity.DischargeCapacity, "Ah"),
        ["temperature"] = new(Quantity.Temperature, "degC", 1),
        ["auxtemperature1"] = new(Quantity.Temperature, "degC"),
    };

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        // The header is the first line, or follows a sheet title such as "Channel_1-006".
        for (int i = 0; i < Math.Min(5, probe.Lines.Count); i++)
        {
            var fields = Fields(probe.Lines[i], delimiter);
            if (fields.Any(f => f.Contains(" / ", StringComparison.Ordinal))) return -1; // BDF labels ("Test Time / s"), never Arbin's
            var keys = Keys(fields);
            if (keys.Contains("testtime") && keys.Contains("current") && keys.Contains("voltage")
                && (keys.Contains("cycleindex") || keys.Contains("stepindex"))) return i;
            if (!string.IsNullOrWhiteSpace(probe.Lines[i]) && !probe.Lines[i].TrimStart().StartsWith("Channel", StringComparison.OrdinalIgnoreCase)) break;
        }
        return -1;
    }

    public override ColumnRole? Classify(string column) => ByAlias(column, Aliases);

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'Test_Time', 'Test_Time(s)' or 'Test Time (s)'",
        Quantity.Current => "'Current', 'Current(A)' or 'Current (A)'",
        Quantity.Voltage => "'Voltage', 'Voltage(V)' or 'Voltage (V)'",
        _ => quantity.ToString(),
    };
}
