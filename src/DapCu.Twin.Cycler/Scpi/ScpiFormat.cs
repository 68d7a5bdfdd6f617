using System.Globalization;

namespace DapCu.Twin.Cycler.Scpi;

/// <summary>How a Keithley 2400 writes numbers in ASCII format: <c>+1.000100E+00</c>, <c>-2.500000E-03</c>.</summary>
public static class ScpiFormat
{
    /// <summary>The 2400's "not a number / not measured" value.</summary>
    public const double NotMeasured = 9.91e37;
    /// <summary>The 2400's overflow value.</summary>
    public const double Overflow = 9.9e37;

    public static string Number(double value)
    {
        if (double.IsNaN(value)) value = NotMeasured;
        if (double.IsPositiveInfinity(value)) value = Overflow;
        if (double.IsNegativeInfinity(value)) value = -Overflow;
        return value.ToString("+0.000000E+00;-0.000000E+00;+0.000000E+00", CultureInfo.InvariantCulture);
    }

    public static string Boolean(bool value) => value ? "1" : "0";

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
