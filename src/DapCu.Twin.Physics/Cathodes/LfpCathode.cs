using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Cathodes;

/// <summary>LiFePO4: Prada 2013 OCV of the particle surface, whose lithiation leads the bulk in
/// proportion to C-rate (single-particle polynomial approximation), plus Butler-Volmer and ohmic losses.</summary>
public sealed class LfpCathode(LfpParameters p, double loading_mg_cm2, double temperature_K) : ICathode
{
    private readonly double _twoRtOverF_V = 2.0 * PhysicalConstants.Gas_J_molK * temperature_K / PhysicalConstants.Faraday_C_mol;

    public double RatedCapacity_mAh_cm2 { get; } = loading_mg_cm2 * p.RatedSpecificCapacity_mAh_g / 1000.0;

    public CathodeState Initial() => new()
    {
        Capacity_mAh_cm2 = RatedCapacity_mAh_cm2,
        InitialCapacity_mAh_cm2 = RatedCapacity_mAh_cm2,
        Li_mAh_cm2 = p.InitialLithiation * RatedCapacity_mAh_cm2,
    };

    private const double SurfaceOvershoot = 0.01;

    public double OpenCircuit_V(in CathodeState s) => Ocv(s.Lithiation);

    public double Potential_V(in CathodeState s, double current_mA_cm2)
    {
        var cRate = current_mA_cm2 / RatedCapacity_mAh_cm2;
        // The surface cannot be emptied or filled beyond its sites; bounding it keeps the exponential end
        // terms finite (about 5.6 V and 2.2 V) when current is forced past the end of the plateau.
        var lag = cRate > 0 ? p.ChargeSolidDiffusionLag_per_C : p.SolidDiffusionLag_per_C;
        var surface = Math.Clamp(s.Lithiation - lag * cRate, -SurfaceOvershoot, 1.0 + SurfaceOvershoot);
        return Ocv(surface)
               + _twoRtOverF_V * Math.Asinh(current_mA_cm2 / (2.0 * p.ExchangeCurrentDensity_mA_cm2))
               + current_mA_cm2 * p.Resistance_ohm_cm2 / 1000.0;
    }

    private double Ocv(double x) =>
        p.OcvPlateau_V + p.OcvSlope_V * x
        + p.OcvLowEndAmplitude_V * Math.Exp(-p.OcvLowEndRate * x)
        + p.OcvHighEndAmplitude_V * Math.Exp(-p.OcvHighEndRate * (1.0 - x));

    /// <summary>Capacity still connected after a throughput: a saturating formation loss.</summary>
    public double ConnectedCapacity_mAh_cm2(double throughput_mAh_cm2) =>
        RatedCapacity_mAh_cm2 * (1.0 - p.FormationFadeTotal * (1.0 - Math.Exp(-throughput_mAh_cm2 / (RatedCapacity_mAh_cm2 * p.FormationFadeCycles))));
}
