using System.Globalization;

namespace DapCu.Twin.Data.Formats;

/// <summary>Parsers for single field values (never for splitting records: Sylvan does that).</summary>
internal static class FieldParsers
{
    public static readonly NumberFormatInfo DecimalPoint = NumberFormatInfo.InvariantInfo;

    /// <summary>For exports made with a German/French locale: 0,5 means one half. No thousands separators.</summary>
    public static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };

    public static bool TryNumber(ReadOnlySpan<char> text, NumberFormatInfo format, out double value)
    {
        char separator = format.NumberDecimalSeparator[0];
        if (TryShortDecimal(text, separator, out value)) return true;
        return double.TryParse(text, NumberStyles.Float, format, out value) && double.IsFinite(value);
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Clinger's fast path for the plain decimals cyclers print ("-0.00024859", "262657.764"): with at most 15
    /// significant digits the digits form an exact integer and 10^k is exact, so one IEEE division gives the
    /// correctly rounded double, the same as double.Parse, several times faster. Anything else returns false.
    /// </summary>
    private static bool TryShortDecimal(ReadOnlySpan<char> text, char separator, out double value)
    {
        value = 0;
        int i = 0, n = text.Length;
        if (n == 0 || n > 24) return false;
        bool negative = text[0] == '-';
        if (negative || text[0] == '+') i++;
        long mantissa = 0;
        int digits = 0, fraction = -1;
        bool anyDigit = false;
        for (; i < n; i++)
        {
            char c = text[i];
            uint d = (uint)(c - '0');
            if (d <= 9)
            {
                anyDigit = true;
                if (digits > 0 || d != 0) digits++;
                if (digits > 15) return false;
                mantissa = mantissa * 10 + d;
                if (fraction >= 0) fraction++;
            }
            else if (c == separator && fraction < 0) fraction = 0;
            else return false;
        }
        if (!anyDigit || fraction > 22) return false;
        double v = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        value = negative ? -v : v;
        return true;
    }

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
        // Our own BDF output first: exact words are cheap to compare.
        if (text.SequenceEqual("charge")) return StepKind.Charge;
        if (text.SequenceEqual("discharge")) return StepKind.Discharge;
        if (text.SequenceEqual("rest")) return StepKind.Rest;
        if (Contains(text, "dchg") || Contains(text, "discharg") || Contains(text, "dis_")) return StepKind.Discharge;
        if (Contains(text, "chg") || Contains(text, "charg")) return StepKind.Charge;
        if (Contains(text, "rest") || Contains(text, "pause") || Contains(text, "ocv")) return StepKind.Rest;
        return StepKind.Other;
    }

    private static bool Contains(ReadOnlySpan<char> text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
