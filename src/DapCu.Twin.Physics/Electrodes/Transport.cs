using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Electrodes;

/// <summary>
/// Salt transport across the electrolyte-filled separator of thickness L between two Li surfaces
/// (binary electrolyte, dilute-solution theory), at the cell's temperature.
/// Flux J t_a / F leaves one face and enters the other, so the surface concentration falls as
/// c0 - (J t_a L / (F D_eff)) h(theta), theta = D' t / L^2, with
/// h = 1/2 - (4/pi^2) sum_odd exp(-n^2 pi^2 theta) / n^2 (scaled to 1 at steady state).
/// Depletion needs J above the limiting current J_lim = 2 F c0 D eps^b / (t_a L); the time to reach it
/// is Sand's time pi D eps^(b+1) (F c0)^2 / (4 (J t_a)^2) well above J_lim (Chazalviel 1990; Bai et al.,
/// Energy Environ. Sci. 2016) and diverges as J falls to J_lim.
/// </summary>
public sealed class Transport
{
    /// <summary>Diffusion-layer thickness that only normalises the tip-focusing law (a unit choice, not a model parameter).</summary>
    public const double FocusingReferenceLayer_um = 100.0;
    /// <summary>Where the early-time (semi-infinite) and late-time (one-mode) forms of h meet: equal to 1e-3 there.</summary>
    private const double ModeSwitch = 0.5;
    /// <summary>Largest relative surface depletion the concentration overpotential is evaluated at (keeps it finite past J_lim).</summary>
    private const double MaxDepletion = 0.999;

    private readonly double _diffusionTime_s;
    private readonly double _twoRtTaOverF_mV;

    public Transport(ElectrolyteParameters e, double separatorThickness_um)
    {
        var d = e.SaltDiffusivity_cm2_s * e.Arrhenius(e.DiffusivityActivation_kJ_mol);
        var porosity = Math.Clamp(e.SeparatorPorosity, 1e-6, 1.0);
        var tA = 1.0 - e.CationTransferenceNumber;
        var c0F = e.SaltConcentration_mol_L / 1000.0 * PhysicalConstants.Faraday_C_mol; // C/cm3
        var length_cm = separatorThickness_um * 1e-4;
        Diffusivity_cm2_s = d;
        Conductivity_mS_cm = e.Conductivity_mS_cm * e.Arrhenius(e.ConductivityActivation_kJ_mol);
        AnionTransference = tA;
        LimitingCurrent_mA_cm2 = 2.0 * c0F * d * Math.Pow(porosity, e.BruggemanExponent) / (tA * length_cm) * 1000.0;
        _diffusionTime_s = length_cm * length_cm / (d * Math.Pow(porosity, e.BruggemanExponent - 1.0));
        FocusingCurrent_mA_cm2 = c0F * d / (tA * FocusingReferenceLayer_um * 1e-4) * 1000.0;
        SeparatorResistance_ohm_cm2 = length_cm / (Conductivity_mS_cm / 1000.0 * Math.Pow(porosity, e.BruggemanExponent));
        _twoRtTaOverF_mV = 2.0 * PhysicalConstants.Gas_J_molK * e.Temperature_K / PhysicalConstants.Faraday_C_mol * tA * 1000.0;
    }

    public double Diffusivity_cm2_s { get; }
    public double Conductivity_mS_cm { get; }
    public double AnionTransference { get; }
    /// <summary>Current at which the plating face is depleted at steady state.</summary>
    public double LimitingCurrent_mA_cm2 { get; }
    /// <summary>Limiting current of a free diffusion layer of <see cref="FocusingReferenceLayer_um"/>: the scale of the
    /// surface concentration gradient J t_a / (F D) that focuses current onto protrusions.</summary>
    public double FocusingCurrent_mA_cm2 { get; }
    /// <summary>Ionic resistance of the electrolyte-filled separator, L / (kappa eps^b).</summary>
    public double SeparatorResistance_ohm_cm2 { get; }

    /// <summary>Time plating at a constant current takes to deplete the surface (transport-limited onset):
    /// infinite at or below the limiting current.</summary>
    public double DepletionTime_s(double current_mA_cm2)
    {
        var r = LimitingCurrent_mA_cm2 / Math.Abs(current_mA_cm2);
        if (!(r < 1.0)) return double.PositiveInfinity;
        return ThetaAt(r) * _diffusionTime_s;
    }

    /// <summary>Concentration overpotential (mV, a loss) after plating at a current for a time: the Nernst and
    /// diffusion potentials of the two faces, (2 RT t_a / F) ln(c_high / c_low).</summary>
    public double ConcentrationOverpotential_mV(double current_mA_cm2, double elapsed_s)
    {
        if (current_mA_cm2 == 0 || elapsed_s <= 0) return 0.0;
        var x = Math.Min(MaxDepletion, Math.Abs(current_mA_cm2) / LimitingCurrent_mA_cm2 * H(elapsed_s / _diffusionTime_s));
        return _twoRtTaOverF_mV * Math.Log((1.0 + x) / (1.0 - x));
    }

    /// <summary>h(theta): surface depletion relative to its steady value.</summary>
    private static double H(double theta)
    {
        var early = 4.0 * Math.Sqrt(theta / Math.PI);
        return early < ModeSwitch ? early : 1.0 - 8.0 / (Math.PI * Math.PI) * Math.Exp(-Math.PI * Math.PI * theta);
    }

    /// <summary>Inverse of h.</summary>
    private static double ThetaAt(double h) =>
        h < ModeSwitch ? Math.PI * h * h / 16.0 : -Math.Log((1.0 - h) * Math.PI * Math.PI / 8.0) / (Math.PI * Math.PI);
}
