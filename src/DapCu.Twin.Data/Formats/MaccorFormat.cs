namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Maccor text export: a tab-separated title line ("Today's Date ... Procedure: ..."), then
/// "Rec#  Cyc#  Step  TestTime  StepTime  Amp-hr  Watt-hr  Amps  Volts  State ...". Times are written
/// "0d 00:00:01.0000". Amps is a magnitude: the State column (C charge, D discharge, R rest) gives the sign.
/// Amp-hr restarts at every step, so it is the step capacity.
/// </summary>
internal sealed class MaccorFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Maccor;
    public override char Delimiter => '\t';
    public override TimeEncoding TimeEncoding => TimeEncoding.Clock;
    public override bool SignFromStepKind => true;

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        for (int i = 0; i < Math.Min(5, probe.Lines.Count); i++)
        {
            if (!probe.Lines[i].StartsWith("Rec#", StringComparison.Ordinal)) continue;
            var f = Fields(probe.Lines[i], delimiter);
            if (Has(f, "Rec#", "Cyc#") && HasAny(f, "Amps", "Current") && HasAny(f, "Volts", "Voltage")) return i;
        }
        return -1;
    }

    public override ColumnRole? Classify(string column) => column.Trim().ToLowerInvariant() switch
    {
        "testtime" or "test time" or "testtime(s)" or "test time (sec)" => new ColumnRole(Quantity.Time, 1),
        "amps" or "current" => new ColumnRole(Quantity.Current, 1),
        "volts" or "voltage" => new ColumnRole(Quantity.Voltage, 1),
        "cyc#" or "cycle" => new ColumnRole(Quantity.Cycle, 1),
        "step" => new ColumnRole(Quantity.Step, 1),
        "state" or "md" => new ColumnRole(Quantity.StepType, 1),
        "amp-hr" or "capacity" => new ColumnRole(Quantity.StepCapacity, 1),
        "temp 1" => new ColumnRole(Quantity.Temperature, 1),
        _ => null,
    };

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'TestTime'",
        Quantity.Current => "'Amps'",
        Quantity.Voltage => "'Volts'",
        _ => quantity.ToString(),
    };
}
