namespace DapCu.Twin.Physics.Electrodes;

/// <summary>Plating at one current density on one surface: when dendritic growth sets in (transport- or
/// reaction-limited), how fast tips advance per plated capacity before and after it, and how fine the
/// deposit is (surface per mAh relative to one plated at 1 mA/cm2).</summary>
public readonly record struct PlatingLaw(
    double Current_mA_cm2,
    bool TransportLimited,
    double SandTime_s,
    double Growth_um_per_mAh_cm2,
    double PostSandGrowth_um_per_mAh_cm2,
    double Fineness);
