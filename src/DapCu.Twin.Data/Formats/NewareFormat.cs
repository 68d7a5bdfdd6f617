namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Neware BTS CSV export (flat): "DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,Current(A),
/// Voltage(V),Capacity(Ah),...,Chg. Cap.(Ah),...,DChg. Cap.(Ah),...". "Time" is the step time and
/// "Cumulative Time" (or "Total Time") the test time, both "hh:mm:ss" with hours past 24.
/// Step Type ("CC DChg", "CC Chg", "Rest") decides the sign, as some exports print magnitudes.
/// </summary>
internal sealed class NewareFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Neware;
    public override char Delimiter => ',';
    public override TimeEncoding TimeEncoding => TimeEncoding.Clock;
    public override bool SignFromStepKind => true;

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        if (probe.Lines.Count == 0) return -1;
        var f = Fields(probe.Lines[0], delimiter);
        var names = f.Select(c => SplitParenUnit(c).Name).ToArray();
        return Has(f, "Step Type") && HasAny(f, "Cumulative Time", "Total Time") && Has(names, "Current", "Voltage") ? 0 : -1;
    }

    public override ColumnRole? Classify(string column)
    {
        var (name, unit) = SplitParenUnit(column);
        return name.ToLowerInvariant() switch
        {
            "cumulative time" or "total time" => new ColumnRole(Quantity.Time, 1),
            "current" => Role(Quantity.Current, unit, "A"),
            "voltage" => Role(Quantity.Voltage, unit, "V"),
            "cycle index" or "cycle id" => new ColumnRole(Quantity.Cycle, 1),
            "step index" or "step id" => new ColumnRole(Quantity.Step, 1),
            "step type" => new ColumnRole(Quantity.StepType, 1),
            "capacity" => Role(Quantity.StepCapacity, unit, "Ah"),
            "chg. cap." => Role(Quantity.ChargeCapacity, unit, "Ah"),
            "dchg. cap." => Role(Quantity.DischargeCapacity, unit, "Ah"),
            _ => null,
        };
    }

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'Cumulative Time' or 'Total Time'",
        Quantity.Current => "'Current(A)' or 'Current(mA)'",
        Quantity.Voltage => "'Voltage(V)'",
        _ => quantity.ToString(),
    };
}
