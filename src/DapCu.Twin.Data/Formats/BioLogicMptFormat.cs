using System.Globalization;
using System.Text;

namespace DapCu.Twin.Data.Formats;

/// <summary>
/// BioLogic EC-Lab ASCII export (.mpt): "EC-Lab ASCII FILE", then "Nb header lines : N" counting every line
/// up to and including the tab-separated column header. Numbers follow the PC's locale (decimal commas with a
/// German one). I/mA is positive for oxidation at the working electrode, which is our charging direction.
/// BT-Lab (BCS cyclers) writes the same layout under "BT-Lab ASCII FILE"; an export made with the header
/// switched off starts directly with the column line ("mode\tox/red\t...\ttime/s\t...").
/// Column spellings follow dgbowl/yadg extractors/eclab/mpt_columns.py: "I/mA", "&lt;I&gt;/mA", "Ewe/V",
/// "&lt;Ewe&gt;/V", "Ecell/V", "Q charge/mA.h", "Temperature/°C", units such as "I/µA" or "time/h".
/// </summary>
internal sealed class BioLogicMptFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.BioLogicMpt;
    public override char Delimiter => '\t';

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        if (probe.Lines.Count < 2) return -1;
        if (!probe.Lines[0].StartsWith("EC-Lab ASCII FILE", StringComparison.OrdinalIgnoreCase)
            && !probe.Lines[0].StartsWith("BT-Lab ASCII FILE", StringComparison.OrdinalIgnoreCase))
        {
            // Exported without header: the column line comes first.
            if (delimiter != '\t' || !probe.Lines[0].Contains('\t')) return -1;
            var q = QuantitiesOf(Fields(probe.Lines[0], delimiter));
            return q.Contains(Quantity.Time) && q.Contains(Quantity.Current) && q.Contains(Quantity.Voltage)
                && probe.Lines[0].Contains("time/", StringComparison.Ordinal) ? 0 : -1;
        }
        var nb = probe.Lines[1];
        int colon = nb.IndexOf(':');
        if (!nb.StartsWith("Nb header lines", StringComparison.OrdinalIgnoreCase) || colon < 0
            || !int.TryParse(nb[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 3)
            throw new DataFormatException(probe.Path, 2, $"expected 'Nb header lines : <count>' after 'EC-Lab ASCII FILE', found '{nb.Trim()}'");
        if (n > probe.Lines.Count)
            throw new DataFormatException(probe.Path, null, $"header says {n} header lines but the file has only {probe.Lines.Count} lines (truncated?)");
        return n - 1;
    }

    public override NumberFormatInfo Numbers(FileProbe probe, int headerIndex, char delimiter)
    {
        // Decide from the first data record: "0,000000000000000E+000" has a comma and no point.
        if (headerIndex + 1 < probe.Lines.Count)
        {
            var first = probe.Lines[headerIndex + 1];
            if (first.Contains(',') && !first.Contains('.')) return FieldParsers.DecimalComma;
        }
        return FieldParsers.DecimalPoint;
    }

    public override FileMetadata Metadata(FileProbe probe, int headerIndex)
    {
        var file = HeaderFacts.Value(probe, headerIndex, "File");
        return new FileMetadata(
            CellName: file is null ? null : Path.GetFileNameWithoutExtension(file.Replace('\\', '/')),
            Area_cm2: HeaderFacts.Area_cm2(HeaderFacts.Value(probe, headerIndex, "Electrode surface area")),
            // "Characteristic mass" is the reference mass for specific quantities, not the active material: not used.
            ActiveMass_mg: HeaderFacts.Mass_mg(HeaderFacts.Value(probe, headerIndex, "Mass of active material")));
    }

    public override ColumnRole? Classify(string column)
    {
        column = column.Trim();
        switch (column)
        {
            case "cycle number": return new ColumnRole(Quantity.Cycle, 1);
            case "Ns": return new ColumnRole(Quantity.Step, 1);
            case "mode": return new ColumnRole(Quantity.Mode, 1);
            case "ox/red": return new ColumnRole(Quantity.OxRed, 1);
        }
        int slash = column.IndexOf('/');
        if (slash <= 0 || slash == column.Length - 1) return null;
        var name = column[..slash];
        var unit = column[(slash + 1)..];
        if (unit.Contains('/')) return null; // "Q charge/mA.h/g", "control/V/mA": per gram or a dual-unit column
        return name switch
        {
            "time" => Role(Quantity.Time, unit, "s"),
            "I" => Role(Quantity.Current, unit, "mA", 1),
            "<I>" => Role(Quantity.Current, unit, "mA", 0),
            "Ecell" => Role(Quantity.Voltage, unit, "V", 2),
            "Ewe" => Role(Quantity.Voltage, unit, "V", 1),
            "<Ewe>" => Role(Quantity.Voltage, unit, "V", 0),
            "Q charge" => Role(Quantity.ChargeCapacity, unit, "mA.h"),
            "Q discharge" => Role(Quantity.DischargeCapacity, unit, "mA.h"),
            "Temperature" or "Temp" or "T" => Role(Quantity.Temperature, unit, "degC"),
            "freq" => Role(Quantity.Frequency, unit, "Hz"),
            "Re(Z)" => Role(Quantity.ReZ, unit, "Ohm"),
            "-Im(Z)" => Role(Quantity.MinusImZ, unit, "Ohm"),
            _ => null,
        };
    }

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'time/s'",
        Quantity.Current => "'I/mA'",
        Quantity.Voltage => "'Ewe/V' or 'Ecell/V'",
        _ => quantity.ToString(),
    };
}
