namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Battery Data Format CSV (battery-data-alliance/battery-data-format). Columns are either the
/// machine-readable names ("test_time_second", "current_ampere") or the labels "Quantity / unit"
/// ("Test Time / s", "Current / mA"); older alternative names from the ontology are accepted too.
/// </summary>
internal sealed class BdfFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Bdf;
    public override char Delimiter => ',';

    // Machine-readable names (skos:notation and skos:altLabel of the BDF ontology) -> role.
    private static readonly Dictionary<string, ColumnRole> MachineNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["test_time_second"] = new(Quantity.Time, 1), ["test_time_s"] = new(Quantity.Time, 1),
        ["test_time_millisecond"] = new(Quantity.Time, 1e-3),
        ["current_ampere"] = new(Quantity.Current, 1), ["current_a"] = new(Quantity.Current, 1),
        ["voltage_volt"] = new(Quantity.Voltage, 1), ["voltage_v"] = new(Quantity.Voltage, 1),
        ["cycle_count"] = new(Quantity.Cycle, 1), ["cycle_count_1"] = new(Quantity.Cycle, 1), ["cycle_dimensionless"] = new(Quantity.Cycle, 1),
        // "step_index" is deprecated in BDF 1.3 but in files it holds the program step (the reference Landt conversion uses it so).
        ["step_id"] = new(Quantity.Step, 1, 1), ["step_index"] = new(Quantity.Step, 1), ["step_index_1"] = new(Quantity.Step, 1),
        ["step_type"] = new(Quantity.StepType, 1),
        ["step_capacity_ah"] = new(Quantity.StepCapacity, 1),
        ["charging_capacity_ah"] = new(Quantity.ChargeCapacity, 1), ["charging_capacity_ampere_hour"] = new(Quantity.ChargeCapacity, 1),
        ["discharging_capacity_ah"] = new(Quantity.DischargeCapacity, 1), ["discharging_capacity_ampere_hour"] = new(Quantity.DischargeCapacity, 1),
        ["ambient_temperature_celsius"] = new(Quantity.Temperature, 1, 1), ["ambient_temperature_degc"] = new(Quantity.Temperature, 1, 1),
        ["temperature_t1_celsius"] = new(Quantity.Temperature, 1), ["temperature_t1_degc"] = new(Quantity.Temperature, 1),
        ["surface_temperature_celsius"] = new(Quantity.Temperature, 1), ["surface_temperature_t1_celsius"] = new(Quantity.Temperature, 1),
        ["step_cumulative_capacity_ah"] = new(Quantity.StepCapacity, 1, 1),
        ["frequency_hertz"] = new(Quantity.Frequency, 1), ["frequency_hz"] = new(Quantity.Frequency, 1),
        ["real_impedance_ohm"] = new(Quantity.ReZ, 1),
        ["imaginary_impedance_ohm"] = new(Quantity.MinusImZ, -1), // BDF writes Im Z; the table holds −Im Z
    };

    // Labels "Base / unit" (skos:prefLabel) -> quantity; the unit is parsed from the label.
    private static readonly Dictionary<string, Quantity> LabelBases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Test Time"] = Quantity.Time, ["Current"] = Quantity.Current, ["Voltage"] = Quantity.Voltage,
        ["Cycle Count"] = Quantity.Cycle, ["Step ID"] = Quantity.Step, ["Step Index"] = Quantity.Step, ["Step Type"] = Quantity.StepType,
        ["Step Capacity"] = Quantity.StepCapacity, ["Step Cumulative Capacity"] = Quantity.StepCapacity,
        ["Charging Capacity"] = Quantity.ChargeCapacity, ["Discharging Capacity"] = Quantity.DischargeCapacity,
        ["Ambient Temperature"] = Quantity.Temperature, ["Temperature T1"] = Quantity.Temperature,
        ["Surface Temperature"] = Quantity.Temperature, ["Surface Temperature T1"] = Quantity.Temperature,
        // Older labels (BDF before 1.0 and files made by hand): "Charge Capacity / Ah", "Discharge Capacity / Ah",
        // "Cycle Index", "Step Index", "Temperature / degC", "Time / s".
        ["Charge Capacity"] = Quantity.ChargeCapacity, ["Discharge Capacity"] = Quantity.DischargeCapacity,
        ["Cycle Index"] = Quantity.Cycle, ["Cycle"] = Quantity.Cycle, ["Temperature"] = Quantity.Temperature,
        ["Time"] = Quantity.Time, ["Frequency"] = Quantity.Frequency,
    };

    // The same labels compared by key, so "test time", "TEST_TIME" and "Test-Time" all match.
    private static readonly Dictionary<string, Quantity> LabelKeys =
        LabelBases.ToDictionary(kv => ColumnName.KeyOf(kv.Key), kv => kv.Value);

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        int first = FirstLine(probe);
        if (first < 0) return -1;
        var quantities = QuantitiesOf(Fields(probe.Lines[first], delimiter));
        return quantities.Contains(Quantity.Time) && quantities.Contains(Quantity.Current) && quantities.Contains(Quantity.Voltage) ? first : -1;
    }

    public override ColumnRole? Classify(string column)
    {
        column = column.Trim();
        if (MachineNames.TryGetValue(column, out var role)) return role;
        // The ontology's labels are "Test Time / s"; hand-made files also write "Test Time (s)", "Test Time [s]" or "Test Time/s".
        int slash = column.IndexOf(" / ", StringComparison.Ordinal);
        var (name, unit) = slash > 0 ? (column[..slash].Trim(), column[(slash + 3)..].Trim()) : Split(column);
        var key = ColumnName.KeyOf(name);
        if (!LabelKeys.TryGetValue(key, out var q)) return null;
        if (q == Quantity.StepType) return new ColumnRole(q, 1);
        var scale = Units.Scale(q, unit ?? (q is Quantity.Cycle or Quantity.Step ? "1" : ""));
        int priority = key == "stepid" || key == "ambienttemperature" ? 1 : 0;
        // A known quantity in an unknown unit is an error, not an ignorable column: flag it with NaN scale.
        return new ColumnRole(q, scale ?? double.NaN, priority);
    }

    private static (string Name, string? Unit) Split(string column)
    {
        var parsed = ColumnName.Parse(column);
        if (parsed.Unit is null) return (column, null);
        int cut = column.TrimEnd().EndsWith(')') ? column.LastIndexOf('(') : column.TrimEnd().EndsWith(']') ? column.LastIndexOf('[') : column.LastIndexOf('/');
        return (column[..cut].Trim(), parsed.Unit);
    }

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'test_time_second' or 'Test Time / s'",
        Quantity.Current => "'current_ampere' or 'Current / A'",
        Quantity.Voltage => "'voltage_volt' or 'Voltage / V'",
        _ => quantity.ToString(),
    };
}
