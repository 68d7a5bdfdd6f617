using System.Globalization;
using System.Text;

namespace DapCu.Twin.Data.Formats;

/// <summary>
/// BioLogic EC-Lab ASCII export (.mpt): "EC-Lab ASCII FILE", then "Nb header lines : N" counting every line
/// up to and including the tab-separated column header. Numbers follow the PC's locale (decimal commas with a
/// German one). I/mA is positive for oxidation at the working electrode, which is our charging direction.
/// </summary>
internal sealed class BioLogicMptFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.BioLogicMpt;
    public override char Delimiter => '\t';
    public override Encoding Encoding => Encoding.Latin1;

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        if (probe.Lines.Count < 2 || !probe.Lines[0].StartsWith("EC-Lab ASCII FILE", StringComparison.Ordinal)) return -1;
        var nb = probe.Lines[1];
        int colon = nb.IndexOf(':');
        if (!nb.StartsWith("Nb header lines", StringComparison.OrdinalIgnoreCase) || colon < 0
            || !int.TryParse(nb[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 3)
            throw new DataFormatException(probe.Path, 2, $"expected 'Nb header lines : <count>' after 'EC-Lab ASCII FILE', found '{nb.Trim()}'");
        if (n > probe.Lines.Count)
            throw new DataFormatException(probe.Path, null, $"header says {n} header lines but the file has only {probe.Lines.Count} lines (truncated?)");
        return n - 1;
    }

    public override NumberFormatInfo Numbers(FileProbe probe, int headerIndex)
    {
        // Decide from the first data record: "0,000000000000000E+000" has a comma and no point.
        if (headerIndex + 1 < probe.Lines.Count)
        {
            var first = probe.Lines[headerIndex + 1];
            if (first.Contains(',') && !first.Contains('.')) return FieldParsers.DecimalComma;
        }
        return FieldParsers.DecimalPoint;
    }

    public override ColumnRole? Classify(string column)
    {
        column = column.Trim();
        if (column == "time/s") return new ColumnRole(Quantity.Time, 1);
        if (column == "cycle number") return new ColumnRole(Quantity.Cycle, 1);
        if (column == "Ns") return new ColumnRole(Quantity.Step, 1);
        if (column == "mode") return new ColumnRole(Quantity.Mode, 1);
        if (column == "ox/red") return new ColumnRole(Quantity.OxRed, 1);
        if (TryUnit(column, "I/", out var u) || TryUnit(column, "<I>/", out u)) return Role(Quantity.Current, u, "mA", column.StartsWith('<') ? 0 : 1);
        if (TryUnit(column, "Ecell/", out u)) return Role(Quantity.Voltage, u, "V", 2);
        if (TryUnit(column, "Ewe/", out u) || TryUnit(column, "<Ewe>/", out u)) return Role(Quantity.Voltage, u, "V", column.StartsWith('<') ? 0 : 1);
        if (TryUnit(column, "Q charge/", out u)) return Role(Quantity.ChargeCapacity, u, "mA.h");
        if (TryUnit(column, "Q discharge/", out u)) return Role(Quantity.DischargeCapacity, u, "mA.h");
        if (TryUnit(column, "Temperature/", out u)) return Role(Quantity.Temperature, u == "°C" ? "degC" : u, "degC");
        return null;
    }

    private static bool TryUnit(string column, string prefix, out string unit)
    {
        unit = column.StartsWith(prefix, StringComparison.Ordinal) ? column[prefix.Length..] : "";
        return unit.Length > 0;
    }

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'time/s'",
        Quantity.Current => "'I/mA'",
        Quantity.Voltage => "'Ewe/V' or 'Ecell/V'",
        _ => quantity.ToString(),
    };
}
