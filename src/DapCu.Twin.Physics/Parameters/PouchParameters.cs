namespace DapCu.Twin.Physics.Parameters;

/// <summary>Extra resistance of a flexible pouch cell in bent and folded states (paper Fig. 5g).</summary>
public sealed record PouchParameters
{
    [Param("ohm cm2", "contact loss between stacked layers when bent; fitted to P3 (capacity loss < 5 %)")]
    public double BentResistance_ohm_cm2 { get; init; } = 2.0;

    [Param("ohm cm2", "contact loss when folded; fitted to P3 (capacity loss < 5 %)")]
    public double FoldedResistance_ohm_cm2 { get; init; } = 5.0;
}
