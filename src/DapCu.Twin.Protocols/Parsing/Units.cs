using System.Text.RegularExpressions;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>What a number with a unit measures.</summary>
internal enum QuantityKind { Current, Voltage, Time, ArealCapacity, Capacity }

/// <summary>A parsed quantity in the model's units: V, s, mAh/cm2, mAh; currents keep their <see cref="CurrentUnit"/>.</summary>
internal readonly record struct Quantity(QuantityKind Kind, double Value, CurrentUnit CurrentUnit = default)
{
    public CurrentSpec AsCurrent => new(Value, CurrentUnit);
}

/// <summary>The unit spellings a researcher may type, and their conversion to the model's units.
/// Milli/micro conversions divide (500 / 1000 = 0.5 exactly) rather than multiply by 0.001.</summary>
internal static class Units
{
    private sealed record Unit(Regex Pattern, QuantityKind Kind, double Multiply, double Divide,
        CurrentUnit CurrentUnit = default);

    // "/cm2", "/cm^2", "/cm²", " cm-2", " cm^-2", " cm⁻²"
    private const string PerArea = @"(?:\s*/\s*cm(?:\^?2|²)|\s+cm(?:\^?-2|⁻²))";
    private const string Micro = "(?:u|µ|μ)";

    private static readonly Unit[] All =
    [
        Make($"mA{PerArea}", QuantityKind.Current, 1, 1, CurrentUnit.MilliAmpPerCm2),
        Make($"{Micro}A{PerArea}", QuantityKind.Current, 1, 1000, CurrentUnit.MilliAmpPerCm2),
        Make($"A{PerArea}", QuantityKind.Current, 1000, 1, CurrentUnit.MilliAmpPerCm2),
        Make("mA", QuantityKind.Current, 1, 1, CurrentUnit.MilliAmp),
        Make($"{Micro}A", QuantityKind.Current, 1, 1000, CurrentUnit.MilliAmp),
        Make("A", QuantityKind.Current, 1, 1, CurrentUnit.Amp),
        Make("C", QuantityKind.Current, 1, 1, CurrentUnit.CRate),
        Make("V", QuantityKind.Voltage, 1, 1),
        Make("mV", QuantityKind.Voltage, 1, 1000),
        Make("(?:s|secs?|seconds?)", QuantityKind.Time, 1, 1),
        Make("(?:mins?|minutes?)", QuantityKind.Time, 60, 1),
        Make("(?:h|hrs?|hours?)", QuantityKind.Time, 3600, 1),
        Make("days?", QuantityKind.Time, 86400, 1),
        Make($"mAh{PerArea}", QuantityKind.ArealCapacity, 1, 1),
        Make($"{Micro}Ah{PerArea}", QuantityKind.ArealCapacity, 1, 1000),
        Make($"Ah{PerArea}", QuantityKind.ArealCapacity, 1000, 1),
        Make("mAh", QuantityKind.Capacity, 1, 1),
        Make("Ah", QuantityKind.Capacity, 1000, 1),
    ];

    /// <summary>Unit names listed in error messages, per kind.</summary>
    public static string Names(QuantityKind kind) => kind switch
    {
        QuantityKind.Current => "mA/cm2, mA, A, C",
        QuantityKind.Voltage => "V, mV",
        QuantityKind.Time => "s, min, h, day",
        QuantityKind.ArealCapacity => "mAh/cm2",
        _ => "mAh, Ah",
    };

    public static string Noun(QuantityKind kind) => kind switch
    {
        QuantityKind.Current => "a current",
        QuantityKind.Voltage => "a voltage",
        QuantityKind.Time => "a time",
        _ => "a capacity",
    };

    /// <summary>Spellings offered for "did you mean" on an unknown unit, per kind.</summary>
    public static IEnumerable<string> Spellings(QuantityKind kind) => kind switch
    {
        QuantityKind.Current => ["mA/cm2", "uA/cm2", "A/cm2", "mA", "uA", "A", "C"],
        QuantityKind.Voltage => ["V", "mV"],
        QuantityKind.Time => ["s", "sec", "seconds", "min", "minutes", "h", "hr", "hours", "day", "days"],
        QuantityKind.ArealCapacity => ["mAh/cm2", "uAh/cm2", "Ah/cm2"],
        _ => ["mAh", "Ah"],
    };

    /// <summary>Matches the longest unit starting exactly at <paramref name="start"/> and ending before
    /// <paramref name="end"/> at a word boundary. Returns the match length, or 0.</summary>
    public static int Match(string text, int start, int end, double number, out Quantity quantity)
    {
        quantity = default;
        var bestLength = 0;
        var segment = text[..end];
        foreach (var unit in All)
        {
            var m = unit.Pattern.Match(segment, start);
            if (!m.Success || m.Length <= bestLength) continue;
            bestLength = m.Length;
            quantity = new Quantity(unit.Kind, number * unit.Multiply / unit.Divide, unit.CurrentUnit);
        }
        return bestLength;
    }

    private static Unit Make(string pattern, QuantityKind kind, double multiply, double divide,
        CurrentUnit currentUnit = default) =>
        new(new Regex(@"\G" + pattern + "(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            kind, multiply, divide, currentUnit);
}
