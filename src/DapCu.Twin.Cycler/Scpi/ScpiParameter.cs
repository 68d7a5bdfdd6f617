using System.Globalization;

namespace DapCu.Twin.Cycler.Scpi;

public enum ScpiParameterKind { Numeric, Character, String }

/// <summary>One program data element: a decimal number (already scaled by its suffix multiplier), character
/// data (a mnemonic such as <c>DEF</c>, <c>ON</c>, <c>CURR</c>) or a quoted string (quotes removed).</summary>
public sealed record ScpiParameter(ScpiParameterKind Kind, string Text, double Number = double.NaN, string? Unit = null)
{
    public override string ToString() => Kind == ScpiParameterKind.String ? $"'{Text}'" : Text;

    /// <summary>A number; <c>DEF</c>/<c>MIN</c>/<c>MAX</c> resolve through the given values (null = not allowed).</summary>
    public double AsNumber(double? defaultValue = null, double? minimum = null, double? maximum = null)
    {
        if (Kind == ScpiParameterKind.Numeric) return Number;
        if (Kind == ScpiParameterKind.Character)
        {
            var special = Text.ToUpperInvariant() switch
            {
                "DEF" or "DEFAULT" => defaultValue,
                "MIN" or "MINIMUM" => minimum,
                "MAX" or "MAXIMUM" => maximum,
                _ => null,
            };
            if (special is { } v) return v;
        }
        throw new ScpiException(ScpiError.DataTypeError, $"expected a number, got {this}");
    }

    /// <summary>Boolean program data: ON/OFF or a number (non-zero = true, rounded like 488.2 says).</summary>
    public bool AsBoolean()
    {
        if (Kind == ScpiParameterKind.Numeric) return Math.Round(Number) != 0;
        if (Kind == ScpiParameterKind.Character)
        {
            if (Text.Equals("ON", StringComparison.OrdinalIgnoreCase)) return true;
            if (Text.Equals("OFF", StringComparison.OrdinalIgnoreCase)) return false;
        }
        throw new ScpiException(ScpiError.DataTypeError, $"expected ON|OFF|1|0, got {this}");
    }

    /// <summary>Character data matched against long/short-form choices (e.g. <c>CURRent</c>); returns the short form
    /// (<c>CURR</c>), which is also how a SCPI instrument answers the matching query.</summary>
    public string AsChoice(params string[] choices)
    {
        if (Kind != ScpiParameterKind.Character)
            throw new ScpiException(ScpiError.DataTypeError, $"expected one of {string.Join('|', choices)}, got {this}");
        foreach (var c in choices)
            if (ScpiMnemonic.Matches(c, Text)) return ScpiMnemonic.ShortForm(c);
        throw new ScpiException(ScpiError.IllegalParameterValue, $"expected one of {string.Join('|', choices)}, got {Text}");
    }

    /// <summary>Text of a string or character-data element (Keithley accepts both for function names).</summary>
    public string AsText() => Kind == ScpiParameterKind.Numeric
        ? throw new ScpiException(ScpiError.DataTypeError, $"expected a name, got {this}")
        : Text;

    public static ScpiParameter FromNumber(double value) =>
        new(ScpiParameterKind.Numeric, value.ToString("R", CultureInfo.InvariantCulture), value);
}

/// <summary>The long/short form rule: the short form is the upper-case part of the long form.</summary>
public static class ScpiMnemonic
{
    public static string ShortForm(string longForm) => string.Concat(longForm.Where(c => !char.IsLower(c))).ToUpperInvariant();

    /// <summary>True when <paramref name="written"/> is the long or the short form of <paramref name="mnemonic"/>.</summary>
    public static bool Matches(string mnemonic, string written) =>
        written.Equals(mnemonic, StringComparison.OrdinalIgnoreCase)
        || written.Equals(ShortForm(mnemonic), StringComparison.OrdinalIgnoreCase);
}
