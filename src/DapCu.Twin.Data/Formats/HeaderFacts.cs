using System.Globalization;

namespace DapCu.Twin.Data.Formats;

/// <summary>"Key : value unit" facts from a text preamble (EC-Lab, Maccor), parsed without guessing units.</summary>
internal static class HeaderFacts
{
    /// <summary>The text after the first line that starts with <paramref name="key"/> and a colon (or tab).</summary>
    public static string? Value(FileProbe probe, int headerIndex, string key)
    {
        for (int i = 0; i < Math.Min(headerIndex, probe.Lines.Count); i++)
        {
            var line = probe.Lines[i].Trim();
            if (!line.StartsWith(key, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = line[key.Length..].TrimStart();
            if (rest.Length > 0 && rest[0] is ':' or '\t') return rest[1..].Trim();
        }
        return null;
    }

    /// <summary>"0.500 cm²" -> 0.5 in cm², "2.1 mm²" -> 0.021; null when the unit is not an area (never assumed).</summary>
    public static double? Area_cm2(string? text) => Quantity(text, [("cm", 1), ("mm", 0.01), ("m", 1e4)]);

    /// <summary>"0.001 g" -> 1 mg, "12.3 mg" -> 12.3.</summary>
    public static double? Mass_mg(string? text) => Quantity(text, [("mg", 1), ("g", 1e3), ("kg", 1e6), ("ug", 1e-3), ("µg", 1e-3)]);

    private static double? Quantity(string? text, (string Unit, double Scale)[] units)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        var number = parts[0].Replace(',', '.');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0) return null;
        // Area units come with a squared sign EC-Lab writes in the PC's code page ("cm²", "cm2", "cm\uFFFD").
        var unit = new string(parts[1].TakeWhile(char.IsLetter).ToArray());
        foreach (var (u, scale) in units)
            if (string.Equals(unit, u, StringComparison.OrdinalIgnoreCase)) return value * scale;
        return null;
    }
}
