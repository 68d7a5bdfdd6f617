using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Electrodes;

/// <summary>
/// Plating, stripping and overpotential of one Li-metal electrode, as pure functions of its state.
/// Every process is linear in the charge passed at constant current, so a segment of constant current
/// is integrated exactly; the caller splits segments at the events this type reports
/// (<see cref="ChargeToExhaustion_mAh_cm2"/>, <see cref="ChargeToFirstSeiEnd_mAh_cm2"/>, <see cref="TimeToSandOnset_s"/>).
/// </summary>
public sealed class LiElectrode
{
    public const double LiThickness_um_per_mAh_cm2 = 1e4 / PhysicalConstants.LiVolumetricCapacity_mAh_cm3;
    private readonly LiElectrodeParameters _p;
    private readonly double _twoRtOverF_mV;
    private readonly double _exchangeCurrent_mA_cm2;
    private readonly double _interfaceResistance_ohm_cm2;
    private readonly Transport _transport;

    /// <summary>An electrode facing the default 25 um Celgard separator.</summary>
    public LiElectrode(LiElectrodeParameters p, ElectrolyteParameters e, PorousHost? host)
        : this(p, e, host, new Transport(e, DefaultSeparator_um)) { }

    public LiElectrode(LiElectrodeParameters p, ElectrolyteParameters e, PorousHost? host, Transport transport)
    {
        _p = p;
        Host = host;
        _transport = transport;
        _twoRtOverF_mV = 2.0 * PhysicalConstants.Gas_J_molK * e.Temperature_K / PhysicalConstants.Faraday_C_mol * 1000.0;
        // Charge transfer and ion conduction through the SEI are both activated (Arrhenius).
        var kinetics = e.Arrhenius(e.KineticsActivation_kJ_mol);
        _exchangeCurrent_mA_cm2 = p.ExchangeCurrentDensity_mA_cm2 * kinetics;
        _interfaceResistance_ohm_cm2 = p.InterfaceResistance_ohm_cm2 / kinetics;
    }

    private const double OnsetTolerance = 1e-9;
    /// <summary>Current density at which the calibrated SEI and dead-Li shares hold (the paper's 1 mA/cm2 rows).</summary>
    private const double FinenessReference_mA_cm2 = 1.0;

    /// <summary>Celgard 2400 (paper, pouch cell section).</summary>
    private const double DefaultSeparator_um = 25.0;

    public Transport Transport => _transport;

    public LiElectrodeParameters Parameters => _p;
    public PorousHost? Host { get; }

    /// <summary>A fresh electrode holding Li metal that was placed, not plated (Li foil). Rolled foil has
    /// no nucleation barrier and its surface is as rough as a long-cycled deposit, so it starts "fully cycled".</summary>
    public LiElectrodeState Foil(double li_mAh_cm2) => new() { Top_mAh_cm2 = li_mAh_cm2, DeadLiNoise = 1.0, GrowthFactor = 1.0, Fineness = 1.0, PlatedTotal_mAh_cm2 = FullyCycled_mAh_cm2 };

    private const double FullyCycled_mAh_cm2 = 1e9;

    /// <summary>An electrode pre-plated in a separate cell and moved into this one: the new electrolyte
    /// re-passivates the host surface and the Li (paper Experimental: composites are reassembled).</summary>
    public void Transfer(ref LiElectrodeState s)
    {
        var loss = Math.Min(s.Connected_mAh_cm2, _p.TransferSeiLoss_mAh_cm2 + _p.TransferSeiShare * s.Connected_mAh_cm2);
        var share = s.Connected_mAh_cm2 > 0 ? loss / s.Connected_mAh_cm2 : 0.0;
        var fromTop = s.Top_mAh_cm2 * share;
        s.Top_mAh_cm2 -= fromTop;
        s.Pore_mAh_cm2 -= loss - fromTop;
        s.Sei_mAh_cm2 += loss;
        s.SeiAge_h = 0.0;
    }

    /// <summary>Ages the SEI film over a duration at a current density (either direction): the film
    /// grows older with time while plating and stripping replace it at a rate J / Q_renew, so its mean age
    /// relaxes towards Q_renew / J (exact under constant current). A cell cycled slowly carries an old,
    /// resistive film into a fast step; one cycled fast from assembly keeps a young one.</summary>
    public void AgeSei(ref LiElectrodeState s, double current_mA_cm2, double duration_s)
    {
        var t_h = duration_s / PhysicalConstants.SecondsPerHour;
        var j = Math.Abs(current_mA_cm2);
        if (j <= 0) { s.SeiAge_h += t_h; return; }
        var renewal_h = _p.SeiRenewalCapacity_mAh_cm2 / j;
        s.SeiAge_h = renewal_h + (s.SeiAge_h - renewal_h) * Math.Exp(-t_h / renewal_h);
    }

    /// <summary>A bare substrate (Cu foil or DAP host) before any Li is plated.</summary>
    public LiElectrodeState Bare() => new() { FirstSeiRemaining_mAh_cm2 = _p.FirstPlatingSeiLoss_mAh_cm2, DeadLiNoise = 1.0, GrowthFactor = 1.0, Fineness = 1.0 };

    /// <summary>Connected Li that can still be stripped before the electrode is exhausted.</summary>
    public double Strippable_mAh_cm2(in LiElectrodeState s) => Math.Max(0.0, s.Connected_mAh_cm2 - _p.StrandedLi_mAh_cm2 * s.DeadLiNoise * s.DepositFineness);

    /// <summary>Charge that can be stripped before exhaustion (each stripped mAh also isolates a dead-Li share).</summary>
    public double ChargeToExhaustion_mAh_cm2(in LiElectrodeState s) => Strippable_mAh_cm2(s) / (1.0 + DeadShare(s));

    /// <summary>Plated charge until the first-plating SEI is complete (infinite once it is).</summary>
    public double ChargeToFirstSeiEnd_mAh_cm2(in LiElectrodeState s) =>
        s.FirstSeiRemaining_mAh_cm2 > 0 ? s.FirstSeiRemaining_mAh_cm2 / _p.FirstPlatingSeiShare : double.PositiveInfinity;

    /// <summary>Everything about plating that depends only on the current density, computed once per
    /// constant-current segment (the power laws are the costly part of a step).</summary>
    /// <remarks>Onset of dendritic growth: transport-limited (the surface is depleted, Sand's time, only above
    /// the limiting current) or reaction-limited (protrusions of a rough deposit take over once a critical
    /// capacity is plated without stripping: onset falls as 1/J, gentler than Sand's 1/J^2; Brissot et al.
    /// 1999). Before onset tips advance per plated capacity as (J / J_focus)^n: the surface concentration
    /// gradient focuses current onto protrusions. After onset tips grow as needles (Bai et al. 2016). Either
    /// way a tip cannot advance faster than a needle fed by the limiting current.</remarks>
    public PlatingLaw PlatingLawAt(double plating_mA_cm2)
    {
        var j = Math.Max(Math.Abs(plating_mA_cm2), 1e-9);
        var transportOnset = _transport.DepletionTime_s(j);
        var reactionOnset = _p.RoughOnsetCapacity_mAh_cm2 / j * PhysicalConstants.SecondsPerHour;
        var onset = Math.Min(transportOnset, reactionOnset);
        var jLim = _transport.LimitingCurrent_mA_cm2;
        var needle = _p.PostSandTipAmplification * LiThickness_um_per_mAh_cm2 * Math.Min(1.0, jLim / j);
        var focused = _p.DendriteGrowth_um_per_mAh_cm2 <= 0 ? 0.0
            : _p.DendriteGrowth_um_per_mAh_cm2 * Math.Pow(Math.Min(j, jLim) / _transport.FocusingCurrent_mA_cm2, _p.DendriteGrowthExponent);
        // Finer deposits at higher current (denser nuclei, Pei 2017) expose more surface per mAh: more SEI on
        // plating and more isolated fragments on stripping, in proportion to the area (normalised at 1 mA/cm2).
        var fineness = Math.Pow(j / FinenessReference_mA_cm2, _p.AreaCurrentExponent);
        return new PlatingLaw(plating_mA_cm2, transportOnset <= reactionOnset, onset, Math.Min(focused, needle), needle, fineness);
    }

    /// <summary>Time until dendritic growth sets in plating under this law.</summary>
    public static double TimeToSandOnset_s(in LiElectrodeState s, in PlatingLaw law) =>
        s.SandProgress >= 1.0 ? double.PositiveInfinity : (1.0 - s.SandProgress) * law.SandTime_s;

    /// <summary>Plates a charge (mAh/cm2, positive) at a plating current density over a duration. The
    /// segment must not cross the end of the first-plating SEI or Sand's time (the caller splits there).</summary>
    /// <returns>Li that overflowed the host onto the top surface in this segment.</returns>
    public double Plate(ref LiElectrodeState s, double charge_mAh_cm2, double duration_s, in PlatingLaw law)
    {
        var firstSei = 0.0;
        if (s.FirstSeiRemaining_mAh_cm2 > 0)
        {
            firstSei = Math.Min(s.FirstSeiRemaining_mAh_cm2, _p.FirstPlatingSeiShare * charge_mAh_cm2);
            s.FirstSeiRemaining_mAh_cm2 -= firstSei;
        }
        var freshSei = _p.FreshSurfaceSeiFraction * law.Fineness * (charge_mAh_cm2 - firstSei);
        s.Fineness = law.Fineness;
        var metal = charge_mAh_cm2 - firstSei - freshSei;
        s.Sei_mAh_cm2 += firstSei + freshSei;

        var toTop = metal;
        if (Host is { } host)
        {
            var room = Math.Max(0.0, host.MaxCapacity_mAh_cm2 - s.Pore_mAh_cm2);
            var toPore = Math.Min(room, metal);
            s.Pore_mAh_cm2 += toPore;
            toTop = metal - toPore;
            s.PeakStrain = Math.Max(s.PeakStrain, host.Strain(s.Pore_mAh_cm2));
        }
        s.Top_mAh_cm2 += toTop;

        GrowDendrite(ref s, toTop, metal > 0 ? duration_s * toTop / metal : 0.0, law);
        s.PlatedTotal_mAh_cm2 += charge_mAh_cm2;
        return Host is null ? 0.0 : toTop;
    }

    /// <param name="topDuration_s">time of the segment spent plating on top (the host fills first).</param>
    private static void GrowDendrite(ref LiElectrodeState s, double topLi_mAh_cm2, double topDuration_s, in PlatingLaw law)
    {
        // Dendrites grow from Li on an open surface; Li inside the host's pores is confined, and while the
        // host takes the current its depletion zone sits inside the pores: the onset clock runs only for
        // plating on top.
        var growth = DendriteGrowth_um_per_mAh_cm2(s, law);
        if (topLi_mAh_cm2 > 0)
        {
            s.SandProgress += topDuration_s / law.SandTime_s;
            // A segment split at the onset lands on it up to rounding.
            if (s.SandProgress >= 1.0 - OnsetTolerance) s.SandProgress = Math.Max(s.SandProgress, 1.0);
            s.Dendrite_um += growth * topLi_mAh_cm2;
        }
    }

    /// <summary>Strips a charge (mAh/cm2, positive, not beyond <see cref="ChargeToExhaustion_mAh_cm2"/>);
    /// a share of the Li leaving the surface is isolated as dead Li (Fang 2019). Concentration gradients
    /// relax within seconds, so Sand's clock restarts.</summary>
    public void Strip(ref LiElectrodeState s, double charge_mAh_cm2)
    {
        var removed = charge_mAh_cm2 * (1.0 + DeadShare(s));
        var fromTop = Math.Min(s.Top_mAh_cm2, removed);
        s.Top_mAh_cm2 -= fromTop;
        s.Pore_mAh_cm2 = Math.Max(0.0, s.Pore_mAh_cm2 - (removed - fromTop));
        s.Dead_mAh_cm2 += removed - charge_mAh_cm2;
        s.RecentDead_mAh_cm2 += removed - charge_mAh_cm2;
        s.Dendrite_um = Math.Max(0.0, s.Dendrite_um - _p.DendriteStripRecovery * charge_mAh_cm2 * LiThickness_um_per_mAh_cm2);
        s.SandProgress = 0.0;
    }

    /// <summary>Isolates whatever connected Li is left: the electrode has been stripped to empty.</summary>
    public static void Exhaust(ref LiElectrodeState s)
    {
        s.Dead_mAh_cm2 += s.Pore_mAh_cm2 + s.Top_mAh_cm2;
        s.RecentDead_mAh_cm2 += s.Pore_mAh_cm2 + s.Top_mAh_cm2;
        s.Pore_mAh_cm2 = 0.0;
        s.Top_mAh_cm2 = 0.0;
    }

    /// <summary>Resistance of the porous dead-Li layer (Xu 2019): grows with dead Li and saturates once
    /// the layer is thick enough that current bypasses it through the connected deposit.</summary>
    public double DeadLayerResistance_ohm_cm2(in LiElectrodeState s) =>
        _p.DeadLiResistivity_ohm_cm2_per_mAh_cm2 * _p.DeadLiResistanceSaturation_mAh_cm2
        * (1.0 - Math.Exp(-s.Dead_mAh_cm2 / _p.DeadLiResistanceSaturation_mAh_cm2));

    /// <summary>An electrode stripped down to its last islands: once plating starts elsewhere those
    /// islands are cut off and count as dead Li (Fang 2019).</summary>
    public bool IsStrippedEmpty(in LiElectrodeState s) =>
        s.Connected_mAh_cm2 > 0 && Strippable_mAh_cm2(s) < StrippedEmptyShare * _p.DepletionScale_mAh_cm2;

    /// <summary>Strippable Li, relative to the depletion scale, below which a strip has run into the
    /// depletion spike (the stripping area has shrunk below a tenth).</summary>
    private const double StrippedEmptyShare = 0.1;

    /// <summary>A new deposit re-connects part of the Li isolated in the last strip: only the freshly
    /// isolated top of the dead-Li mat is within its reach, and only once the mat percolates (a smooth
    /// logistic transition around the percolation amount). So a cycle gives back at most what the
    /// previous one lost, and CE scatters below 100 %.</summary>
    public double Reconnect(ref LiElectrodeState s, double uniform01)
    {
        var recent = s.RecentDead_mAh_cm2;
        s.RecentDead_mAh_cm2 = 0.0;
        if (_p.ReconnectionMaxFraction <= 0 || recent <= 0) return 0.0;
        var percolation = 1.0 / (1.0 + Math.Exp(-(s.Dead_mAh_cm2 - _p.ReconnectionThreshold_mAh_cm2) / _p.ReconnectionWidth_mAh_cm2));
        var back = Math.Min(recent, uniform01 * percolation * _p.ReconnectionMaxFraction * s.Dead_mAh_cm2);
        s.Dead_mAh_cm2 -= back;
        s.Top_mAh_cm2 += back;
        return back;
    }

    private double DeadShare(in LiElectrodeState s) => _p.DeadLiFraction * s.DeadLiNoise * s.DepositFineness;

    /// <summary>Electroactive area per geometric area: grows with current density (denser nuclei),
    /// roughens over the first cycles, and shrinks as a stripping electrode runs out of Li.</summary>
    public double ElectroactiveArea(in LiElectrodeState s, double current_mA_cm2, bool stripping)
    {
        var j = Math.Max(Math.Abs(current_mA_cm2), 1e-6);
        var activation = 1.0 - (1.0 - _p.FreshAreaFraction) * Math.Exp(-s.PlatedTotal_mAh_cm2 / _p.ActivationCapacity_mAh_cm2);
        var area = _p.ElectroactiveAreaRatio * Math.Pow(j, _p.AreaCurrentExponent) * activation;
        if (stripping) area *= 1.0 - Math.Exp(-Strippable_mAh_cm2(s) / _p.DepletionScale_mAh_cm2);
        return Math.Max(area, 1e-12);
    }

    /// <summary>Electrode potential against its own equilibrium (V) at a current density:
    /// positive current oxidises (strips) this electrode.</summary>
    public double Overpotential_V(in LiElectrodeState s, double current_mA_cm2)
    {
        var t = Terms(s, current_mA_cm2);
        return current_mA_cm2 > 0 ? t.Total_mV / 1000.0 : current_mA_cm2 < 0 ? -t.Total_mV / 1000.0 : t.Substrate_mV / 1000.0;
    }

    /// <summary>The overpotential's terms (mV, each a loss): Butler-Volmer charge transfer and SEI film
    /// resistance at the local current density J / a, dead-Li layer resistance at J, the nucleation spike
    /// on a bare substrate, and the jump to the substrate's own potential once the Li is gone.</summary>
    public ElectrodeOverpotential Terms(in LiElectrodeState s, double current_mA_cm2)
    {
        // At rest a bare substrate sits at its own potential (Cu vs Li ~3 V), not at Li/Li+.
        if (current_mA_cm2 == 0) return new ElectrodeOverpotential(0, 0, 0, 0, s.Connected_mAh_cm2 > 0 ? 0.0 : _p.SubstrateOxidation_V * 1000.0);
        var stripping = current_mA_cm2 > 0;
        var limit_mV = _p.SubstrateOxidation_V * 1000.0;
        if (stripping && Strippable_mAh_cm2(s) <= 0) return new ElectrodeOverpotential(0, 0, 0, 0, limit_mV);
        var j = Math.Abs(current_mA_cm2);
        var jLocal = j / ElectroactiveArea(s, j, stripping);
        var chargeTransfer = _twoRtOverF_mV * Math.Asinh(jLocal / (2.0 * _exchangeCurrent_mA_cm2));
        var film = jLocal * _interfaceResistance_ohm_cm2 * (1.0 + _p.SeiAgingRate_per_h * s.SeiAge_h);
        var dead = j * DeadLayerResistance_ohm_cm2(s);
        var nucleation = stripping ? 0.0 : _p.NucleationOverpotential_mV * Math.Exp(-s.PlatedTotal_mAh_cm2 / _p.NucleationCapacity_mAh_cm2);
        var sum = chargeTransfer + film + dead + nucleation;
        // A stripping electrode cannot be driven past its substrate's oxidation: the substrate takes the current.
        return stripping && sum > limit_mV
            ? new ElectrodeOverpotential(chargeTransfer, film, dead, nucleation, limit_mV - sum)
            : new ElectrodeOverpotential(chargeTransfer, film, dead, nucleation, 0.0);
    }

    /// <summary>Dendrite tip advance per mAh/cm2 of Li plated onto an open surface: roughness-driven
    /// growth, plus needle growth once Sand's time has passed.</summary>
    public static double DendriteGrowth_um_per_mAh_cm2(in LiElectrodeState s, in PlatingLaw law) =>
        s.TipGrowthFactor * (s.SandProgress >= 1.0 ? law.PostSandGrowth_um_per_mAh_cm2 : law.Growth_um_per_mAh_cm2);

    /// <summary>Room left in the host before Li overflows onto its top surface (0 without a host).</summary>
    public double HostRoom_mAh_cm2(in LiElectrodeState s) => Host is { } h ? Math.Max(0.0, h.MaxCapacity_mAh_cm2 - s.Pore_mAh_cm2) : 0.0;

    /// <summary>Polysulfide reacting with Li removes connected Li chemically; a share stays as Li2S on the surface.</summary>
    public void Corrode(ref LiElectrodeState s, double shuttled_mAh_cm2, double depositShare)
    {
        var fromTop = Math.Min(s.Top_mAh_cm2, shuttled_mAh_cm2);
        s.Top_mAh_cm2 -= fromTop;
        s.Pore_mAh_cm2 = Math.Max(0.0, s.Pore_mAh_cm2 - (shuttled_mAh_cm2 - fromTop));
        s.Sei_mAh_cm2 += depositShare * shuttled_mAh_cm2;
    }

    /// <summary>Moves a share of the connected Li into the polysulfide-passivated pool.</summary>
    public static void Passivate(ref LiElectrodeState s, double share)
    {
        var top = s.Top_mAh_cm2 * share;
        var pore = s.Pore_mAh_cm2 * share;
        s.Top_mAh_cm2 -= top;
        s.Pore_mAh_cm2 -= pore;
        s.Passivated_mAh_cm2 += top + pore;
    }
}
