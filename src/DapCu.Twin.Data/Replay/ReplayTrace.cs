namespace DapCu.Twin.Data.Replay;

/// <summary>How the twin was driven in a replay.</summary>
public enum ReplayMode
{
    /// <summary>The measured current, record by record.</summary>
    Current,
    /// <summary>The scenario's protocol (the file had no usable current); the twin is sampled at the measured times.</summary>
    Protocol,
}

/// <summary>
/// Measured and twin side by side at every measured timestamp. Arrays are parallel, one entry per record.
/// Currents are in A with positive charging; <see cref="TwinOcv_V"/> is the twin's open-circuit voltage at that
/// moment, the reference for overpotentials of both (the file carries no OCV of its own).
/// </summary>
public sealed class ReplayTrace
{
    public required ReplayMode Mode { get; init; }
    public required string DataPath { get; init; }
    public required TwinCell Cell { get; init; }
    public required double Area_cm2 { get; init; }
    public required double[] Time_s { get; init; }
    /// <summary>Cycle of each record: the file's cycle numbers, or counted from current sign changes.</summary>
    public required int[] Cycle { get; init; }
    public required double[] MeasuredCurrent_A { get; init; }
    public required double[] MeasuredVoltage_V { get; init; }
    public required double[] TwinCurrent_A { get; init; }
    public required double[] TwinVoltage_V { get; init; }
    public required double[] TwinOcv_V { get; init; }
    /// <summary>A logging gap precedes the record: across it the twin rested, and neither side's charge counts the
    /// interval (the file does not say what flowed). Empty when there are none.</summary>
    public bool[] GapBefore { get; init; } = [];
    /// <summary>Logging gaps in the measured file.</summary>
    public int LoggingGaps => GapBefore.Count(g => g);
    /// <summary>The interval before record <paramref name="i"/> in seconds, or 0 across a logging gap.</summary>
    public double LoggedInterval_s(int i) => i > 0 && !(i < GapBefore.Length && GapBefore[i]) ? Time_s[i] - Time_s[i - 1] : 0;
    /// <summary>True once the twin has shorted (dendrite through the separator).</summary>
    public bool TwinShorted { get; init; }

    public int Count => Time_s.Length;
    public string Name => Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(DataPath));

    /// <summary>Twin minus measured voltage for every record.</summary>
    public double[] Residual_V()
    {
        var r = new double[Count];
        for (var i = 0; i < r.Length; i++) r[i] = TwinVoltage_V[i] - MeasuredVoltage_V[i];
        return r;
    }

    /// <summary>Root-mean-square of the voltage residual over all records.</summary>
    public double VoltageRmse_V()
    {
        var sum = 0.0;
        for (var i = 0; i < Count; i++) { var d = TwinVoltage_V[i] - MeasuredVoltage_V[i]; sum += d * d; }
        return Math.Sqrt(sum / Math.Max(1, Count));
    }
}
