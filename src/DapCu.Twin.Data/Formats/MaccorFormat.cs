namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Maccor MIMS text export: title lines (one "Today's Date ... Procedure: ..." line, three lines
/// "Today's Date:/Filename:/Procedure:", or a block of twelve "Name:/Channel:/Started ..." lines and a blank one),
/// then the column header. Header dialects:
/// classic "Rec#  Cyc#  Step  TestTime  StepTime  Amp-hr  Watt-hr  Amps  Volts  State  ES  DPt Time" (beep, cellpy maccor_txt_zero/one);
/// milli-unit "mAmp-hr  mWatt-hr  mAmps" (cellpy maccor_txt_three, WMG);
/// newer "Rec  Cycle P  Cycle C  Step  TestTime  StepTime  Cap. [Ah]  Ener. [Wh]  Current [A]  Voltage [V]  Md  ES  DPT Time"
/// (cellpy maccor_txt_two, KIT); and the MIMS CSV "Rec,Cycle P,Cycle C,Step,Test Time [s],Step Time [s],Capacity [Ah],
/// Energy [Wh],Current [A],Voltage [V],Md,ES,DPT Time,...,Temperature Cell [degC]" (battery-data-format MACCOR).
/// Tab-separated (comma in the CSV), decimal commas with a European locale. Times are "0d 00:00:01.0000" or seconds.
/// Amps is a magnitude: the State/Md column (C charge, D discharge, R rest) gives the sign.
/// Amp-hr restarts at every step, so it is the step capacity.
/// </summary>
internal sealed class MaccorFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Maccor;
    public override char Delimiter => '\t';
    public override char[] Delimiters => ['\t', ',', ';'];
    public override TimeEncoding TimeEncoding => TimeEncoding.Clock;
    public override bool SignFromStepKind => true;

    private static readonly Dictionary<string, Alias> Aliases = new()
    {
        ["testtime"] = new(Quantity.Time, "s"),
        ["testtime(s)"] = new(Quantity.Time, "s"),
        ["test"] = new(Quantity.Time, "s"), // "Test (Sec)", "Test (Min)": the unit in brackets decides
        ["amps"] = new(Quantity.Current, "A"),
        ["mamps"] = new(Quantity.Current, "mA"),
        ["current"] = new(Quantity.Current, "A"),
        ["volts"] = new(Quantity.Voltage, "V"),
        ["mvolts"] = new(Quantity.Voltage, "mV"),
        ["voltage"] = new(Quantity.Voltage, "V"),
        ["cyc#"] = new(Quantity.Cycle, "1"),
        ["cyclec"] = new(Quantity.Cycle, "1", 1), // "Cycle C" counts cycles; "Cycle P" counts procedure loops
        ["cycle"] = new(Quantity.Cycle, "1"),
        ["step"] = new(Quantity.Step, "1"),
        ["state"] = new(Quantity.StepType, "1"),
        ["md"] = new(Quantity.StepType, "1"),
        ["amphr"] = new(Quantity.StepCapacity, "Ah"),
        ["mamphr"] = new(Quantity.StepCapacity, "mAh"),
        ["capacity"] = new(Quantity.StepCapacity, "Ah"),
        ["cap"] = new(Quantity.StepCapacity, "Ah"),
        ["temp1"] = new(Quantity.Temperature, "degC"),
        ["temperaturecell"] = new(Quantity.Temperature, "degC"),
    };

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        for (int i = 0; i < Math.Min(40, probe.Lines.Count); i++)
        {
            var line = probe.Lines[i].TrimStart();
            if (!line.StartsWith("Rec", StringComparison.OrdinalIgnoreCase)) continue;
            var f = Fields(probe.Lines[i], delimiter);
            if (f.Length < 4 || ColumnName.KeyOf(f[0]) is not ("rec#" or "rec")) continue;
            // "Test (Sec)" is both Maccor MIMS (BEEP files, after a "Today's Date ... Procedure:" title) and Landt's
            // Maccor-style export (no such title): the title decides.
            if (f.Any(c => ColumnName.Parse(c).Key == "test") && !HasMaccorTitle(probe, i)) return -1;
            var q = QuantitiesOf(f);
            if (q.Contains(Quantity.Time) && q.Contains(Quantity.Current) && q.Contains(Quantity.Voltage)) return i;
        }
        return -1;
    }

    private static bool HasMaccorTitle(FileProbe probe, int headerIndex) =>
        probe.Lines.Take(headerIndex).Any(l => l.Contains("Today's Date", StringComparison.OrdinalIgnoreCase)
                                             || l.Contains("Procedure", StringComparison.OrdinalIgnoreCase));

    /// <summary>Cell name from "Comment/Barcode:" (BEEP) or "Name:" (KIT), else the "Filename:" stem.</summary>
    public override FileMetadata Metadata(FileProbe probe, int headerIndex)
    {
        string? name = null;
        for (int i = 0; i < headerIndex && name is null; i++)
        {
            var line = probe.Lines[i];
            name = After(line, "Comment/Barcode:") ?? (line.StartsWith("Name:", StringComparison.OrdinalIgnoreCase) ? After(line, "Name:") : null);
            if (name is null && After(line, "Filename:") is { } file)
            {
                int stop = file.IndexOf(" Procedure", StringComparison.OrdinalIgnoreCase);
                name = Path.GetFileName((stop > 0 ? file[..stop] : file).Replace('\\', '/')).Trim();
            }
        }
        return string.IsNullOrWhiteSpace(name) ? FileMetadata.None : new FileMetadata(CellName: name);
    }

    private static string? After(string line, string key)
    {
        int at = line.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var rest = line[(at + key.Length)..].Trim('\t', ' ');
        int tab = rest.IndexOf('\t');
        rest = (tab >= 0 ? rest[..tab] : rest).Trim();
        return rest.Length > 0 ? rest : null;
    }

    public override ColumnRole? Classify(string column) => ByAlias(column, Aliases);

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'TestTime' or 'Test Time [s]'",
        Quantity.Current => "'Amps', 'mAmps' or 'Current [A]'",
        Quantity.Voltage => "'Volts' or 'Voltage [V]'",
        _ => quantity.ToString(),
    };
}
