namespace DapCu.Twin.Protocols.Running;

/// <summary>How much of a run to record.</summary>
public sealed record RunOptions
{
    /// <summary>Time-series spacing; 0 records no time series (cycle table only, fastest).</summary>
    public double OutputResolution_s { get; init; } = 60.0;
    /// <summary>Voltage samples per step for the cycle table's mean and max overpotential.</summary>
    public int SamplesPerStep { get; init; } = 4;
    /// <summary>Upper bound on any step without a duration (a cutoff that is never reached).</summary>
    public double MaxStepDuration_s { get; init; } = 1000.0 * 3600.0;
    /// <summary>Largest current a constant-voltage hold may draw, in C (rated capacity per hour).</summary>
    public double MaxHoldCRate { get; init; } = 10.0;
}
