namespace DapCu.Twin.Data.Formats;

/// <summary>The quantities the importer maps file columns onto.</summary>
internal enum Quantity { Time, Current, Voltage, Cycle, Step, StepType, StepCapacity, ChargeCapacity, DischargeCapacity, Temperature, Mode, OxRed }

/// <summary>Scale factors from the unit strings instruments print to the table's units (s, A, V, Ah, degC).</summary>
internal static class Units
{
    private static readonly Dictionary<string, double> Time = new(StringComparer.OrdinalIgnoreCase)
    { ["s"] = 1, ["sec"] = 1, ["second"] = 1, ["ms"] = 1e-3, ["min"] = 60, ["h"] = 3600, ["hr"] = 3600 };

    private static readonly Dictionary<string, double> Current = new(StringComparer.Ordinal)
    { ["A"] = 1, ["mA"] = 1e-3, ["uA"] = 1e-6, ["µA"] = 1e-6, ["μA"] = 1e-6, ["nA"] = 1e-9, ["a"] = 1, ["ma"] = 1e-3 };

    private static readonly Dictionary<string, double> Voltage = new(StringComparer.Ordinal)
    { ["V"] = 1, ["mV"] = 1e-3, ["v"] = 1, ["volt"] = 1 };

    private static readonly Dictionary<string, double> Charge = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Ah"] = 1, ["A.h"] = 1, ["A h"] = 1, ["mAh"] = 1e-3, ["mA.h"] = 1e-3, ["uAh"] = 1e-6, ["µAh"] = 1e-6,
        ["uA.h"] = 1e-6, ["µA.h"] = 1e-6, ["C"] = 1 / 3600.0, ["mC"] = 1e-3 / 3600.0,
    };

    private static readonly Dictionary<string, double> Temperature = new(StringComparer.OrdinalIgnoreCase)
    { ["degC"] = 1, ["°C"] = 1, ["C"] = 1, ["celsius"] = 1, ["℃"] = 1 };

    private static readonly Dictionary<string, double> Count = new(StringComparer.Ordinal) { ["1"] = 1, [""] = 1 };

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
            _ => Count,
        };
        return table.TryGetValue(unit.Trim(), out var s) ? s : null;
    }

    public static string TableUnit(Quantity quantity) => quantity switch
    {
        Quantity.Time => "s",
        Quantity.Current => "A",
        Quantity.Voltage => "V",
        Quantity.StepCapacity or Quantity.ChargeCapacity or Quantity.DischargeCapacity => "Ah",
        Quantity.Temperature => "degC",
        _ => "1",
    };
}
