using System.Globalization;
using System.Text.RegularExpressions;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>A cursor over one line (or a part of it, up to <see cref="End"/>) that reads words, numbers and
/// quantities and turns every failure into a <see cref="ProtocolSyntaxException"/> at the right column.</summary>
internal sealed partial class LineScanner
{
    private readonly string _text;
    private readonly string _source;
    private readonly int _line;
    private readonly int _firstColumn;

    /// <param name="firstColumn">1-based column of <paramref name="text"/>[0] in the source.</param>
    public LineScanner(string text, string source, int line, int firstColumn = 1, int start = 0, int? end = null)
    {
        (_text, _source, _line, _firstColumn) = (text, source, line, firstColumn);
        Pos = start;
        End = end ?? text.Length;
    }

    public int Pos { get; set; }
    public int End { get; set; }
    public string Text => _text;

    public SourceLocation LocationAt(int pos) => new(_line, _firstColumn + pos);

    public void SkipSpaces()
    {
        while (Pos < End && char.IsWhiteSpace(_text[Pos])) Pos++;
    }

    public bool AtEnd { get { SkipSpaces(); return Pos >= End; } }

    public char Peek() { SkipSpaces(); return Pos < End ? _text[Pos] : '\0'; }

    /// <summary>The word (letters only) at the cursor, without consuming it; empty if none.</summary>
    public string PeekWord()
    {
        SkipSpaces();
        var i = Pos;
        while (i < End && char.IsLetter(_text[i])) i++;
        return _text[Pos..i];
    }

    /// <summary>Consumes <paramref name="keyword"/> (case-insensitive, whole word) if it is next.</summary>
    public bool TryKeyword(string keyword)
    {
        if (!PeekWord().Equals(keyword, StringComparison.OrdinalIgnoreCase)) return false;
        Pos += keyword.Length;
        return true;
    }

    public void ExpectKeyword(string keyword, string expected)
    {
        if (TryKeyword(keyword)) return;
        throw ErrorHere(expected, Suggest.DidYouMean(PeekToken(), [keyword]));
    }

    public bool TryChar(char c)
    {
        if (Peek() != c) return false;
        Pos++;
        return true;
    }

    /// <summary>The next run of non-space characters, for "found '...'" in messages.</summary>
    public string PeekToken()
    {
        SkipSpaces();
        var i = Pos;
        while (i < End && !char.IsWhiteSpace(_text[i])) i++;
        return _text[Pos..i];
    }

    public string DescribeNext() => AtEnd ? "end of line" : $"'{PeekToken()}'";

    public ProtocolSyntaxException Error(int pos, string expected, string? found = null, string? hint = null) =>
        new(_source, _line, _firstColumn + pos, expected, found, hint);

    /// <summary>An error at the next token, naming it as what was found.</summary>
    public ProtocolSyntaxException ErrorHere(string expected, string? hint = null)
    {
        SkipSpaces();
        return Error(Pos, expected, DescribeNext(), hint);
    }

    [GeneratedRegex(@"\G[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>Reads a decimal number ("1", "0.05", ".5", "1e-3", "-0.2").</summary>
    public bool TryNumber(out double value, out string text)
    {
        SkipSpaces();
        var m = NumberPattern().Match(_text[..End], Pos);
        (value, text) = (0, "");
        if (!m.Success) return false;
        text = m.Value;
        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw Error(Pos, "a finite number", $"'{text}'");
        Pos += m.Length;
        return true;
    }

    public int ReadWholeNumber(string expected)
    {
        SkipSpaces();
        var start = Pos;
        if (!TryNumber(out var value, out var text) || value != Math.Floor(value) || text.Contains('.') ||
            value > int.MaxValue || value < int.MinValue)
        {
            Pos = start;
            throw ErrorHere(expected);
        }
        return (int)value;
    }

    [GeneratedRegex(@"\GC\s*/\s*(\d+(?:\.\d*)?|\.\d+)(?![A-Za-z0-9.])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CRateFractionPattern();

    private static string Article(string noun) => "aeiou".Contains(noun[0]) ? "an" : "a";

    /// <summary>Reads a number and its unit, which must be of one of <paramref name="allowed"/> kinds.
    /// <paramref name="noun"/> names the thing in messages ("current", "cutoff"). Also reads "C/5" as 0.2 C.</summary>
    public Quantity ReadQuantity(string noun, params QuantityKind[] allowed)
    {
        SkipSpaces();
        var unitNames = string.Join(", ", allowed.Select(Units.Names));
        if (allowed.Contains(QuantityKind.Current) && CRateFractionPattern().Match(_text[..End], Pos) is { Success: true } f)
        {
            var divisor = double.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture);
            if (divisor <= 0) throw Error(f.Groups[1].Index, "a positive divisor in 'C/n'", $"'{f.Groups[1].Value}'");
            Pos += f.Length;
            return new Quantity(QuantityKind.Current, 1 / divisor, CurrentUnit.CRate);
        }
        if (!TryNumber(out var number, out var numberText))
            throw ErrorHere($"{Article(noun)} {noun} (a number with a unit: {unitNames})");

        SkipSpaces();
        var length = Units.Match(_text, Pos, End, number, out var quantity);
        var expectedUnit = $"{Article(noun)} {noun} unit ({unitNames}) after '{numberText}'";
        if (length == 0)
            throw ErrorHere(expectedUnit, AtEnd ? null : Suggest.DidYouMean(PeekToken(), allowed.SelectMany(Units.Spellings)));
        if (!allowed.Contains(quantity.Kind))
            throw Error(Pos, expectedUnit, $"'{_text.Substring(Pos, length)}' ({Units.Noun(quantity.Kind)})");
        Pos += length;
        return quantity;
    }
}
