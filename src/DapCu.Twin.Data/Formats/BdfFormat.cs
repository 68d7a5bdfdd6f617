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
        ["ambient_temperature_celsius"] = new(Quantity.Temperature, 1),
    };

    // Labels "Base / unit" (skos:prefLabel) -> quantity; the unit is parsed from the label.
    private static readonly Dictionary<string, Quantity> LabelBases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Test Time"] = Quantity.Time, ["Current"] = Quantity.Current, ["Voltage"] = Quantity.Voltage,
        ["Cycle Count"] = Quantity.Cycle, ["Step ID"] = Quantity.Step, ["Step Index"] = Quantity.Step, ["Step Type"] = Quantity.StepType,
        ["Step Capacity"] = Quantity.StepCapacity, ["Charging Capacity"] = Quantity.ChargeCapacity,
        ["Discharging Capacity"] = Quantity.DischargeCapacity, ["Ambient Temperature"] = Quantity.Temperature,
    };

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        if (probe.Lines.Count == 0) return -1;
        var fields = Fields(probe.Lines[0], delimiter);
        var quantities = fields.Select(Classify).Where(r => r is not null).Select(r => r!.Value.Quantity).ToHashSet();
        return quantities.Contains(Quantity.Time) && quantities.Contains(Quantity.Current) && quantities.Contains(Quantity.Voltage) ? 0 : -1;
    }

    public override ColumnRole? Classify(string column)
    {
        if (MachineNames.TryGetValue(column.Trim(), out var role)) return role;
        int slash = column.IndexOf(" / ", StringComparison.Ordinal);
        var (name, unit) = slash > 0 ? (column[..slash].Trim(), column[(slash + 3)..].Trim()) : (column.Trim(), "1");
        if (!LabelBases.TryGetValue(name, out var q)) return null;
        if (q == Quantity.StepType) return new ColumnRole(q, 1);
        var scale = Units.Scale(q, unit);
        // A known quantity in an unknown unit is an error, not an ignorable column: flag it with NaN scale.
        return new ColumnRole(q, scale ?? double.NaN, q == Quantity.Step && name.Equals("Step ID", StringComparison.OrdinalIgnoreCase) ? 1 : 0);
    }

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'test_time_second' or 'Test Time / s'",
        Quantity.Current => "'current_ampere' or 'Current / A'",
        Quantity.Voltage => "'voltage_volt' or 'Voltage / V'",
        _ => quantity.ToString(),
    };
}
