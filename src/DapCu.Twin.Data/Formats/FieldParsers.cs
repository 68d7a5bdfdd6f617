using System.Globalization;

namespace DapCu.Twin.Data.Formats;

/// <summary>Parsers for single field values (never for splitting records: Sylvan does that).</summary>
internal static class FieldParsers
{
    public static readonly NumberFormatInfo DecimalPoint = NumberFormatInfo.InvariantInfo;

    /// <summary>For exports made with a German/French locale: 0,5 means one half. No thousands separators.</summary>
    public static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };

    public static bool TryNumber(ReadOnlySpan<char> text, NumberFormatInfo format, out double value) =>
        double.TryParse(text, NumberStyles.Float, format, out value) && double.IsFinite(value);

    /// <summary>
    /// Elapsed time written as a clock: "hh:mm:ss[.f]" where hours may exceed 24 (Neware "144:02:18"),
    /// optionally preceded by days as "Nd " (Maccor "  0d 00:00:01.0000") or "N-" / "N.".
    /// A plain number is taken as seconds.
    /// </summary>
    public static bool TryDuration(ReadOnlySpan<char> text, NumberFormatInfo format, out double seconds)
    {
        text = text.Trim();
        seconds = 0;
        if (text.IsEmpty) return false;
        int colon = text.IndexOf(':');
        if (colon < 0) return TryNumber(text, format, out seconds);

        double days = 0;
        int dayMark = text.IndexOfAny('d', '-');
        if (dayMark > 0 && dayMark < colon)
        {
            if (!int.TryParse(text[..dayMark].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return false;
            days = d;
            text = text[(dayMark + 1)..].Trim();
            colon = text.IndexOf(':');
        }
        if (!int.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)) return false;
        var rest = text[(colon + 1)..];
        int colon2 = rest.IndexOf(':');
        if (colon2 < 0) return false;
        if (!int.TryParse(rest[..colon2], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes >= 60) return false;
        if (!double.TryParse(rest[(colon2 + 1)..], NumberStyles.AllowDecimalPoint, format, out var secs) || secs >= 60) return false;
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + secs;
        return true;
    }

    /// <summary>Cycle and step numbers: integers, though BioLogic prints them as "1.000000000000000E+000".</summary>
    public static bool TryCount(ReadOnlySpan<char> text, NumberFormatInfo format, out int value)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return value >= 0;
        if (TryNumber(text, format, out var d) && d >= 0 && d <= int.MaxValue && Math.Abs(d - Math.Round(d)) < 1e-9)
        {
            value = (int)Math.Round(d);
            return true;
        }
        return false;
    }

    /// <summary>Step type from the words instruments use: Neware "CC DChg", Landt "discharge CC", Maccor "D", BDF "discharge".</summary>
    public static StepKind StepKindOf(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return StepKind.Unknown;
        if (text.Length == 1)
        {
            return char.ToUpperInvariant(text[0]) switch
            {
                'C' => StepKind.Charge,
                'D' => StepKind.Discharge,
                'R' => StepKind.Rest,
                _ => StepKind.Other,
            };
        }
        if (Contains(text, "dchg") || Contains(text, "discharg") || Contains(text, "dis_")) return StepKind.Discharge;
        if (Contains(text, "chg") || Contains(text, "charg")) return StepKind.Charge;
        if (Contains(text, "rest") || Contains(text, "pause") || Contains(text, "ocv")) return StepKind.Rest;
        return StepKind.Other;
    }

    private static bool Contains(ReadOnlySpan<char> text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
