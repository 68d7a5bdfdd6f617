namespace DapCu.Twin.Data.Formats;

/// <summary>The quantities the importer maps file columns onto.</summary>
internal enum Quantity { Time, Current, Voltage, Cycle, Step, StepType, StepCapacity, ChargeCapacity, DischargeCapacity, Temperature, Mode, OxRed, Frequency, ReZ, MinusImZ }

/// <summary>Scale factors from the unit strings instruments print to the table's units (s, A, V, Ah, degC).</summary>
internal static class Units
{
    // Keys are compared case-insensitively after removing spaces: "mA", "MA", "ma", "m A" are the same unit.
    // Nobody writes megaamperes on a coin cell, so case is not needed to tell units apart.
    private static readonly Dictionary<string, double> Time = Table(
        ("s", 1), ("sec", 1), ("secs", 1), ("second", 1), ("seconds", 1), ("ms", 1e-3), ("min", 60), ("mins", 60),
        ("minute", 60), ("minutes", 60), ("h", 3600), ("hr", 3600), ("hrs", 3600), ("hour", 3600), ("hours", 3600), ("d", 86400), ("day", 86400));

    private static readonly Dictionary<string, double> Current = Table(
        ("A", 1), ("amp", 1), ("amps", 1), ("ampere", 1), ("mA", 1e-3), ("uA", 1e-6), ("µA", 1e-6), ("μA", 1e-6), ("nA", 1e-9));

    private static readonly Dictionary<string, double> Voltage = Table(("V", 1), ("volt", 1), ("volts", 1), ("mV", 1e-3));

    private static readonly Dictionary<string, double> Charge = Table(
        ("Ah", 1), ("A.h", 1), ("A·h", 1), ("Ahr", 1), ("mAh", 1e-3), ("mA.h", 1e-3), ("mA·h", 1e-3), ("mAhr", 1e-3),
        ("uAh", 1e-6), ("µAh", 1e-6), ("μAh", 1e-6), ("uA.h", 1e-6), ("µA.h", 1e-6), ("μA.h", 1e-6), ("nAh", 1e-9),
        ("C", 1 / 3600.0), ("mC", 1e-3 / 3600.0), ("As", 1 / 3600.0), ("mAs", 1e-3 / 3600.0));

    private static readonly Dictionary<string, double> Temperature = Table(
        ("degC", 1), ("°C", 1), ("C", 1), ("celsius", 1), ("℃", 1), ("deg", 1), ("deg.C", 1), ("oC", 1),
        ("Â°C", 1)); // a UTF-8 "°C" read as Latin-1

    private static readonly Dictionary<string, double> Frequency = Table(("Hz", 1), ("kHz", 1e3), ("MHz", 1e6), ("mHz", 1e-3));

    private static readonly Dictionary<string, double> Resistance = Table(("Ohm", 1), ("Ω", 1), ("mOhm", 1e-3), ("mΩ", 1e-3), ("kOhm", 1e3), ("kΩ", 1e3));

    private static readonly Dictionary<string, double> Count = Table(("1", 1), ("", 1), ("-", 1));

    private static Dictionary<string, double> Table(params (string Unit, double Scale)[] entries)
    {
        var table = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (unit, scale) in entries) table[unit] = scale;
        return table;
    }

    /// <summary>Scale to the table unit, or null when the unit does not belong to the quantity.</summary>
    public static double? Scale(Quantity quantity, string unit)
    {
        var table = quantity switch
        {
            Quantity.Time => Time,
            Quantity.Current => Current,
            Quantity.Voltage => Voltage,
            Quantity.StepCapacity or Quantity.ChargeCapacity or Quantity.DischargeCapacity => Charge,
            Quantity.Temperature => Temperature,
            Quantity.Frequency => Frequency,
            Quantity.ReZ or Quantity.MinusImZ => Resistance,
            _ => Count,
        };
        return table.TryGetValue(unit.Replace(" ", ""), out var s) ? s : null;
    }

    public static string TableUnit(Quantity quantity) => quantity switch
    {
        Quantity.Time => "s",
        Quantity.Current => "A",
        Quantity.Voltage => "V",
        Quantity.StepCapacity or Quantity.ChargeCapacity or Quantity.DischargeCapacity => "Ah",
        Quantity.Temperature => "degC",
        Quantity.Frequency => "Hz",
        Quantity.ReZ or Quantity.MinusImZ => "Ohm",
        _ => "1",
    };
}
