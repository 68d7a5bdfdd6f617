using System.Globalization;
using System.Text;

namespace DapCu.Twin.Cycler.Scpi;

/// <summary>
/// Parses one program message (a line without its terminator) into message units, as IEEE 488.2 / SCPI-1999
/// define them: units joined by <c>;</c> (a trailing <c>;</c> is allowed), headers case-insensitive with an
/// optional leading <c>:</c>, common commands (<c>*RST</c>, also written <c>:*CLS</c>), <c>?</c> for queries, and
/// comma-separated program data. Path context: a header without a leading colon continues from the
/// previous unit's path minus its last node (<c>:SOUR:CURR 1;VOLT 2</c> sets <c>:SOUR:VOLT</c>); a leading colon
/// or a new line returns to the root; common commands do not change it.
/// A unit that fails to parse becomes an error unit; the units before it still run, the ones after it do not
/// (a 2400 discards the rest of a message after a syntax error).
/// </summary>
public static class ScpiParser
{
    public const int MaxMnemonicLength = 12;

    public static List<ScpiUnit> Parse(string message)
    {
        var units = new List<ScpiUnit>();
        var prefix = new List<ScpiHeaderNode>();
        List<string> texts;
        try { texts = SplitUnits(message); }
        catch (ScpiException e) { units.Add(new ScpiUnit(null, e)); return units; }

        foreach (var text in texts)
        {
            try
            {
                var command = ParseUnit(text, prefix);
                if (command is null) continue;  // empty unit, e.g. after a trailing ';'
                if (!command.IsCommon)
                {
                    prefix.Clear();
                    prefix.AddRange(command.Path.Take(command.Path.Count - 1));
                }
                units.Add(new ScpiUnit(command, null));
            }
            catch (ScpiException e)
            {
                units.Add(new ScpiUnit(null, e));
                break;
            }
        }
        return units;
    }

    /// <summary>Splits at <c>;</c> outside quoted strings.</summary>
    private static List<string> SplitUnits(string message)
    {
        var units = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        foreach (var c in message)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';  // a doubled quote reopens on the next char: still inside
                current.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; current.Append(c); }
            else if (c == ';') { units.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        if (quote != '\0') throw new ScpiException(ScpiError.InvalidStringData, "unterminated string");
        units.Add(current.ToString());
        return units;
    }

    private static ScpiCommand? ParseUnit(string text, List<ScpiHeaderNode> prefix)
    {
        var s = text.AsSpan().Trim(" \t\r\n");
        if (s.IsEmpty) return null;

        bool absolute = s[0] == ':';
        if (absolute) s = s[1..];
        if (s.IsEmpty) throw new ScpiException(ScpiError.SyntaxError, "empty header");

        int i = 0;
        string? common = null;
        var nodes = new List<ScpiHeaderNode>();
        if (s[0] == '*')
        {
            i = 1;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            if (i == 1) throw new ScpiException(ScpiError.SyntaxError, "'*' without a command name");
            common = s[1..i].ToString().ToUpperInvariant();
        }
        else
        {
            while (true)
            {
                int start = i;
                if (i >= s.Length || !char.IsAsciiLetter(s[i]))
                    throw new ScpiException(i < s.Length && !IsPrintable(s[i]) ? ScpiError.InvalidCharacter : ScpiError.SyntaxError,
                        $"expected a mnemonic at column {i + 1}");
                while (i < s.Length && (char.IsAsciiLetter(s[i]) || s[i] == '_')) i++;
                int lettersEnd = i;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                if (i - start > MaxMnemonicLength) throw new ScpiException(ScpiError.MnemonicTooLong, s[start..i].ToString());
                int? suffix = null;
                if (i > lettersEnd)
                {
                    if (!int.TryParse(s[lettersEnd..i], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                        throw new ScpiException(ScpiError.HeaderSuffixOutOfRange, s[start..i].ToString());
                    suffix = n;
                }
                nodes.Add(new ScpiHeaderNode(s[start..lettersEnd].ToString().ToUpperInvariant(), suffix));
                if (i < s.Length && s[i] == ':') { i++; continue; }
                break;
            }
        }

        bool query = i < s.Length && s[i] == '?';
        if (query) i++;

        var parameters = new List<ScpiParameter>();
        if (i < s.Length)
        {
            if (s[i] is not (' ' or '\t'))
            {
                // Letters or a number run into the header ("CURR1e-3") make a header the instrument does not
                // know, as the 2400 reports it; other characters are a separator error.
                if (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '-' or '+')
                    throw new ScpiException(ScpiError.UndefinedHeader, $"'{s.ToString()}': no space between header and data at column {i + 1}");
                throw new ScpiException(IsPrintable(s[i]) ? ScpiError.HeaderSeparatorError : ScpiError.InvalidCharacter,
                    $"unexpected '{s[i]}' after header at column {i + 1}");
            }
            var data = s[i..].Trim(" \t");
            // ":SYST :ERR?": a space inside the header leaves "SYST" on its own, which is no command.
            if (!data.IsEmpty && data[0] is ':' or '*')
                throw new ScpiException(ScpiError.UndefinedHeader, $"'{s.ToString()}': space inside the header at column {i + 1}");
            parameters = ParseParameters(data.ToString());
        }

        if (common is not null) return new ScpiCommand([], common, query, parameters);
        var path = absolute ? nodes : [.. prefix, .. nodes];
        return new ScpiCommand(path, null, query, parameters);
    }

    private static bool IsPrintable(char c) => c >= ' ' && c < 127;

    private static List<ScpiParameter> ParseParameters(string text)
    {
        var result = new List<ScpiParameter>();
        if (text.Length == 0) return result;
        var current = new StringBuilder();
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0') { if (c == quote) quote = '\0'; current.Append(c); }
            else if (c is '"' or '\'') { quote = c; current.Append(c); }
            else if (c == ',') { result.Add(ParseElement(current.ToString())); current.Clear(); }
            else current.Append(c);
        }
        result.Add(ParseElement(current.ToString()));
        return result;
    }

    private static ScpiParameter ParseElement(string raw)
    {
        var s = raw.Trim(" \t".ToCharArray());
        if (s.Length == 0) throw new ScpiException(ScpiError.SyntaxError, "empty parameter");
        char c0 = s[0];
        if (c0 is '"' or '\'') return ParseString(s);
        if (c0 == '#') return ParseNonDecimal(s);
        if (char.IsAsciiDigit(c0) || c0 is '+' or '-' or '.') return ParseNumber(s);
        if (char.IsAsciiLetter(c0))
        {
            foreach (var c in s)
                if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                    throw new ScpiException(ScpiError.InvalidCharacter, $"'{c}' in character data '{s}'");
            if (s.Length > MaxMnemonicLength) throw new ScpiException(new ScpiError(-144, "Character data too long"), s);
            return new ScpiParameter(ScpiParameterKind.Character, s.ToUpperInvariant());
        }
        throw new ScpiException(IsPrintable(c0) ? ScpiError.SyntaxError : ScpiError.InvalidCharacter, $"unexpected '{c0}' in parameter '{s}'");
    }

    private static ScpiParameter ParseString(string s)
    {
        char q = s[0];
        var sb = new StringBuilder();
        int i = 1;
        while (true)
        {
            if (i >= s.Length) throw new ScpiException(ScpiError.InvalidStringData, "unterminated string");
            if (s[i] == q)
            {
                if (i + 1 < s.Length && s[i + 1] == q) { sb.Append(q); i += 2; continue; }  // doubled quote
                i++;
                break;
            }
            sb.Append(s[i++]);
        }
        if (i != s.Length) throw new ScpiException(ScpiError.SyntaxError, $"text after string {s}");
        return new ScpiParameter(ScpiParameterKind.String, sb.ToString());
    }

    private static ScpiParameter ParseNonDecimal(string s)
    {
        if (s.Length < 3) throw new ScpiException(ScpiError.NumericDataError, s);
        int radix = char.ToUpperInvariant(s[1]) switch { 'H' => 16, 'Q' => 8, 'B' => 2, _ => 0 };
        if (radix == 0) throw new ScpiException(ScpiError.NumericDataError, $"unknown radix in {s}");
        try
        {
            var value = Convert.ToInt64(s[2..], radix);
            return new ScpiParameter(ScpiParameterKind.Numeric, s.ToUpperInvariant(), value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new ScpiException(ScpiError.InvalidCharacterInNumber, s);
        }
    }

    private static ScpiParameter ParseNumber(string s)
    {
        // mantissa [exponent] [suffix]; white space is allowed before the exponent's E and before the suffix.
        int i = 0;
        if (s[i] is '+' or '-') i++;
        int digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.') { i++; while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; } }
        if (digits == 0) throw new ScpiException(ScpiError.InvalidCharacterInNumber, s);
        int mantissaEnd = i;
        int j = i;
        while (j < s.Length && s[j] == ' ') j++;
        if (j < s.Length && s[j] is 'e' or 'E')
        {
            int k = j + 1;
            while (k < s.Length && s[k] == ' ') k++;
            if (k < s.Length && s[k] is '+' or '-') k++;
            int expDigits = 0;
            while (k < s.Length && char.IsAsciiDigit(s[k])) { k++; expDigits++; }
            if (expDigits > 0) i = k;  // otherwise the E starts a suffix (e.g. "1EX")
        }
        var numberText = s[..i].Replace(" ", "");
        if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
            throw new ScpiException(new ScpiError(-123, "Exponent too large"), s);
        var suffix = s[i..].Trim();
        _ = mantissaEnd;
        if (suffix.Length == 0) return new ScpiParameter(ScpiParameterKind.Numeric, s, value);
        var (multiplier, unit) = ParseSuffix(suffix);
        return new ScpiParameter(ScpiParameterKind.Numeric, s, value * multiplier, unit);
    }

    private static readonly string[] Units = ["OHM", "PCT", "SEC", "HZ", "V", "A", "W", "S"];

    /// <summary>Suffix = [multiplier][unit], case-insensitive. M is milli except before OHM/HZ (mega, as SCPI says);
    /// MA alone is mega, but MA read as milli-amp wins because units are matched first.</summary>
    internal static (double Multiplier, string? Unit) ParseSuffix(string suffix)
    {
        var upper = suffix.ToUpperInvariant();
        foreach (var c in upper)
            if (!char.IsAsciiLetter(c)) throw new ScpiException(ScpiError.InvalidSuffix, suffix);
        string? unit = null;
        foreach (var u in Units)
            if (upper.EndsWith(u, StringComparison.Ordinal)) { unit = u; upper = upper[..^u.Length]; break; }
        double multiplier = upper switch
        {
            "" => 1,
            "EX" => 1e18, "PE" => 1e15, "T" => 1e12, "G" => 1e9, "MA" => 1e6, "K" => 1e3,
            "M" => unit is "OHM" or "HZ" ? 1e6 : 1e-3,
            "U" => 1e-6, "N" => 1e-9, "P" => 1e-12, "F" => 1e-15,
            _ => throw new ScpiException(ScpiError.InvalidSuffix, suffix),
        };
        return (multiplier, unit);
    }
}
