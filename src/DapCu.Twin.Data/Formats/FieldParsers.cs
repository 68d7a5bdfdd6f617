using System.Globalization;
using csFastFloat;

namespace DapCu.Twin.Data.Formats;

/// <summary>Parsers for single field values (never for splitting records: Sylvan does that).</summary>
internal static class FieldParsers
{
    public static readonly NumberFormatInfo DecimalPoint = NumberFormatInfo.InvariantInfo;

    /// <summary>For exports made with a German/French locale: 0,5 means one half. No thousands separators.</summary>
    public static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };

    /// <summary>
    /// A number as double.TryParse(Float) reads it, bit for bit: csFastFloat (Lemire's fast_float, correctly rounded
    /// like the runtime's parser) takes the plain and scientific forms cyclers print, several times faster; anything
    /// it does not consume whole (spaces, group separators, odd spellings) goes to the runtime's parser.
    /// </summary>
    public static bool TryNumber(ReadOnlySpan<char> text, NumberFormatInfo format, out double value)
    {
        char separator = format.NumberDecimalSeparator[0];
        if (!text.IsEmpty && FastDoubleParser.TryParseDouble(text, out int used, out value, NumberStyles.Float, decimal_separator: separator)
            && used == text.Length)
            return double.IsFinite(value);
        return double.TryParse(text, NumberStyles.Float, format, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// Elapsed time written as a clock: "hh:mm:ss[.f]" where hours may exceed 24 (Neware "144:02:18"), or
    /// "mm:ss", optionally preceded by days: "0d 00:00:01.0000" (Maccor), "1-02:03:04" (Landt), "1.02:03:04"
    /// (.NET), "1 day, 2:03:04" / "2 days 02:03:04" (pandas). A plain number is taken as seconds.
    /// </summary>
    public static bool TryDuration(ReadOnlySpan<char> text, NumberFormatInfo format, out double seconds)
    {
        text = text.Trim();
        seconds = 0;
        if (text.IsEmpty) return false;
        int colon = text.IndexOf(':');
        if (colon < 0) return TryNumber(text, format, out seconds);

        // Hours are the digits just before the first colon; anything before them names the days.
        int hoursStart = colon;
        while (hoursStart > 0 && char.IsAsciiDigit(text[hoursStart - 1])) hoursStart--;
        if (hoursStart == colon) return false;
        double days = 0;
        if (hoursStart > 0)
        {
            var prefix = text[..hoursStart].TrimEnd();
            prefix = prefix.TrimEnd(',').TrimEnd();
            if (prefix.EndsWith("days", StringComparison.OrdinalIgnoreCase)) prefix = prefix[..^4];
            else if (prefix.EndsWith("day", StringComparison.OrdinalIgnoreCase)) prefix = prefix[..^3];
            else if (prefix.Length > 0 && prefix[^1] is 'd' or 'D' or '-' or '.') prefix = prefix[..^1];
            else return false;
            if (!int.TryParse(prefix.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return false;
            days = d;
        }
        var clock = text[hoursStart..];
        colon -= hoursStart;
        var rest = clock[(colon + 1)..];
        int colon2 = rest.IndexOf(':');
        double hours, minutes, secs;
        if (colon2 < 0)
        {
            // "mm:ss.f" (short Neware step times)
            if (hoursStart > 0) return false;
            hours = 0;
            if (!int.TryParse(clock[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
            minutes = m;
            if (!double.TryParse(rest, NumberStyles.AllowDecimalPoint, format, out secs) || secs >= 60) return false;
        }
        else
        {
            if (!int.TryParse(clock[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var h)) return false;
            if (!int.TryParse(rest[..colon2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m >= 60) return false;
            if (!double.TryParse(rest[(colon2 + 1)..], NumberStyles.AllowDecimalPoint, format, out secs) || secs >= 60) return false;
            hours = h;
            minutes = m;
        }
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + secs;
        return true;
    }

    /// <summary>Cycle and step numbers: integers, though BioLogic prints them as "1.000000000000000E+000".</summary>
    public static bool TryCount(ReadOnlySpan<char> text, NumberFormatInfo format, out int value)
    {
        if (text.Length is > 0 and <= 9 && !text.ContainsAnyExceptInRange('0', '9'))
        {
            value = 0;
            foreach (char c in text) value = value * 10 + (c - '0'); // plain digits, the common case: no overflow in 9
            return true;
        }
        value = 0;
        // An integer parse cannot take a point or an exponent: EC-Lab's "1.000000000000000E+000" goes straight to TryNumber.
        if (text.IndexOfAny('.', 'E', 'e') < 0 && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return value >= 0;
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
        // Our own BDF output first: exact words are cheap to compare.
        if (text.SequenceEqual("charge")) return StepKind.Charge;
        if (text.SequenceEqual("discharge")) return StepKind.Discharge;
        if (text.SequenceEqual("rest")) return StepKind.Rest;
        if (Contains(text, "dchg") || Contains(text, "discharg") || Contains(text, "dis_")) return StepKind.Discharge;
        if (Contains(text, "chg") || Contains(text, "charg")) return StepKind.Charge;
        if (Contains(text, "rest") || Contains(text, "pause") || Contains(text, "ocv")) return StepKind.Rest;
        // Neware with a Chinese UI: 恒流放电 (CC discharge), 恒流充电 (CC charge), 搁置/静置 (rest).
        if (Contains(text, "放电")) return StepKind.Discharge;
        if (Contains(text, "充电")) return StepKind.Charge;
        if (Contains(text, "搁置") || Contains(text, "静置")) return StepKind.Rest;
        // Landt state codes: "C_CC", "D_CV", "CCC"/"CCD" (constant-current charge/discharge), "RateC"/"RateD".
        if (text.Length <= 6 && text.Length >= 3)
        {
            if (text.StartsWith("C_", StringComparison.OrdinalIgnoreCase)) return StepKind.Charge;
            if (text.StartsWith("D_", StringComparison.OrdinalIgnoreCase)) return StepKind.Discharge;
            if (text.StartsWith("CC", StringComparison.OrdinalIgnoreCase) || text.StartsWith("CV", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("Rate", StringComparison.OrdinalIgnoreCase))
            {
                return char.ToUpperInvariant(text[^1]) switch { 'C' => StepKind.Charge, 'D' => StepKind.Discharge, _ => StepKind.Other };
            }
        }
        return StepKind.Other;
    }

    private static bool Contains(ReadOnlySpan<char> text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
