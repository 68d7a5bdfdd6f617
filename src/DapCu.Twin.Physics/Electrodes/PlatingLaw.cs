namespace DapCu.Twin.Physics.Electrodes;

/// <summary>Plating at one current density on one surface: hot-spot current, Sand's time and dendrite
/// tip growth before and after it.</summary>
public readonly record struct PlatingLaw(
    double Current_mA_cm2,
    double HotSpotCurrent_mA_cm2,
    double SandTime_s,
    double Growth_um_per_mAh_cm2,
    double PostSandGrowth_um_per_mAh_cm2);
