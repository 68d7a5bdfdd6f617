using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Cathodes;

/// <summary>S@C with two plateaus (S8 -> Li2S4 at ~2.35 V, Li2S4 -> Li2S at ~2.1 V). Conversion x is
/// Li bound over capacity. Fast solution equilibria are algebraic (the potential is a function of x);
/// Li2S precipitation passivates the carbon, a resistance that grows exponentially with x and sets the
/// rate-dependent end of discharge. The polysulfide shuttle is integrated by <see cref="Shuttle"/>.</summary>
public sealed class SulfurCathode(SulfurParameters p, double loading_mg_cm2, double temperature_K) : ICathode
{
    private readonly double _twoRtOverF_V = 2.0 * PhysicalConstants.Gas_J_molK * temperature_K / PhysicalConstants.Faraday_C_mol;

    public SulfurParameters Parameters => p;
    public double RatedCapacity_mAh_cm2 { get; } = loading_mg_cm2 * p.TheoreticalSpecificCapacity_mAh_g / 1000.0;

    public CathodeState Initial() => new()
    {
        Capacity_mAh_cm2 = RatedCapacity_mAh_cm2,
        InitialCapacity_mAh_cm2 = RatedCapacity_mAh_cm2,
        Li_mAh_cm2 = p.InitialConversion * RatedCapacity_mAh_cm2,
    };

    public double OpenCircuit_V(in CathodeState s) => Ocv(s.Lithiation);

    public double Potential_V(in CathodeState s, double current_mA_cm2)
    {
        var x = s.Lithiation;
        var passivation_ohm_cm2 = p.PassivationResistance_ohm_cm2 * Math.Exp(p.PassivationGrowth * (x - p.PassivationOnset));
        return Ocv(x)
               + _twoRtOverF_V * Math.Asinh(current_mA_cm2 / (2.0 * p.ExchangeCurrentDensity_mA_cm2))
               + current_mA_cm2 * (p.Resistance_ohm_cm2 + passivation_ohm_cm2) / 1000.0;
    }

    private double Ocv(double x)
    {
        var upper = 1.0 / (1.0 + Math.Exp((x - p.UpperPlateauShare) / p.PlateauTransitionWidth));
        var xc = Math.Clamp(x, 1e-9, 1 - 1e-9);
        return p.LowerPlateau_V + (p.UpperPlateau_V - p.LowerPlateau_V) * upper
               + p.PlateauSlope_V * Math.Log((1 - xc) / xc) * 0.25
               + p.ChargeEndRise_V * Math.Exp(-x / p.ChargeEndWidth);
    }
}
