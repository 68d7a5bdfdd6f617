using DapCu.Twin.Physics.Cathodes;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Electrodes;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Physics.Results;


namespace DapCu.Twin.Physics.Cell;

/// <summary>
/// One cell design with its parameters: builds the initial state and advances it exactly under
/// piecewise-constant current. Immutable and shareable between threads; all change is in
/// <see cref="CellState"/>. Current density is per geometric area, positive on charge.
/// </summary>
public sealed partial class CellModel
{
    private const double SecondsPerHour = PhysicalConstants.SecondsPerHour;
    private readonly LiElectrode? _positiveLi;
    private readonly LiElectrode _negativeLi;
    private readonly LfpCathode? _lfp;
    private readonly SulfurCathode? _sulfur;
    private readonly ICathode? _cathode;
    private readonly double _ohmic_ohm_cm2;
    /// <summary>Shuttle constant at the cell's temperature (Arrhenius).</summary>
    private readonly double _shuttle_per_h;

    /// <summary>Share of the studied electrode's area that lost contact when the pouch was bent or folded.</summary>
    public double BendLostShare { get; }

    public CellDesign Design { get; }
    public ParameterSet Parameters { get; }
    public double RatedCapacity_mAh_cm2 { get; }
    public double SeparatorThickness_um => Design.SeparatorThickness_um;
    /// <summary>Salt transport across the separator at the cell's temperature.</summary>
    public Transport Transport { get; }

    public CellModel(CellDesign design, ParameterSet parameters)
    {
        design.Validate(parameters);
        Design = design;
        Parameters = parameters;
        var e = parameters.Electrolyte;
        Transport = new Transport(e, design.SeparatorThickness_um);
        var studied = Electrode(design.Substrate);
        switch (design.Kind)
        {
            case CellKind.HalfCell:
                _positiveLi = studied;
                _negativeLi = Electrode(LiSubstrate.LiFoil);
                break;
            case CellKind.Symmetric:
                _positiveLi = studied;
                _negativeLi = Electrode(design.Substrate);
                break;
            case CellKind.LfpFull:
                _negativeLi = studied;
                _cathode = _lfp = new LfpCathode(parameters.Lfp, design.CathodeLoading_mg_cm2, e.Temperature_K);
                break;
            case CellKind.SulfurFull:
                _negativeLi = studied;
                _cathode = _sulfur = new SulfurCathode(parameters.Sulfur, design.CathodeLoading_mg_cm2, e.Temperature_K);
                break;
            default:
                throw new CellDesignException("kind", $"a known cell kind, got {design.Kind}");
        }
        RatedCapacity_mAh_cm2 = design.RatedCapacity_mAh_cm2(parameters);
        _shuttle_per_h = parameters.Sulfur.ShuttleConstant_per_h * e.Arrhenius(parameters.Sulfur.ShuttleActivation_kJ_mol);
        var separator_ohm_cm2 = Transport.SeparatorResistance_ohm_cm2;
        BendLostShare = Bending.LostAreaShare(design.Bending, parameters.Pouch, design.Area_cm2, studied.Parameters.BendingCrackStrain);
        // Current crowds onto the area that kept contact.
        _ohmic_ohm_cm2 = (e.ContactResistance_ohm_cm2 + separator_ohm_cm2) / (1.0 - BendLostShare);

        LiElectrode Electrode(LiSubstrate substrate) => substrate switch
        {
            LiSubstrate.PlanarCu => new LiElectrode(parameters.PlanarCu, e, null, Transport),
            LiSubstrate.DapCu => new LiElectrode(parameters.Dap, e, new PorousHost(parameters.Host, design.HostExpansion), Transport),
            _ => new LiElectrode(parameters.LiFoil, e, null, Transport),
        };
    }

    /// <summary>The DAP host of the studied electrode, when it has one.</summary>
    public PorousHost? Host => (_positiveLi ?? _negativeLi).Host;

    /// <summary>The cell as assembled: Li pre-plated where the design says so (off-line, as in the paper's
    /// separate plating cells, so the cell clock starts at zero).</summary>
    public CellState CreateInitialState(ulong seed)
    {
        var s = new CellState { Rng = seed };
        var d = Design;
        switch (d.Kind)
        {
            case CellKind.HalfCell:
                s.PositiveLi = _positiveLi!.Bare();
                s.NegativeLi = _negativeLi.Foil(d.LiFoilCapacity_mAh_cm2);
                break;
            case CellKind.Symmetric:
                s.PositiveLi = Loaded(_positiveLi!, d.PreplatedLi_mAh_cm2);
                s.NegativeLi = Loaded(_negativeLi, d.PreplatedLi_mAh_cm2);
                break;
            default:
                s.NegativeLi = Loaded(_negativeLi, d.AnodeLi_mAh_cm2(Parameters));
                s.Cathode = _cathode!.Initial();
                if (_sulfur is not null)
                    LiElectrode.Passivate(ref s.NegativeLi, 1.0 - Parameters.Sulfur.AnodeAccessibleShare);
                break;
        }
        // Bending isolates the Li on the area that lost contact.
        if (BendLostShare > 0)
        {
            if (_cathode is null) Isolate(ref s.PositiveLi, BendLostShare);
            else Isolate(ref s.NegativeLi, BendLostShare);
        }
        // Nominally identical cells differ in how fast their tips grow (a seeded draw per Li electrode).
        s.PositiveLi.GrowthFactor = GrowthDraw(_positiveLi, ref s.Rng);
        s.NegativeLi.GrowthFactor = GrowthDraw(_negativeLi, ref s.Rng);
        return s;

        static void Isolate(ref LiElectrodeState el, double share)
        {
            var lost = share * el.Connected_mAh_cm2;
            el.Dead_mAh_cm2 += lost;
            el.Top_mAh_cm2 *= 1.0 - share;
            el.Pore_mAh_cm2 *= 1.0 - share;
        }

        static double GrowthDraw(LiElectrode? el, ref ulong rng) =>
            el is null ? 1.0 : Math.Exp(el.Parameters.DendriteGrowthSpread * SplitMix64.NextNormal(ref rng));

        LiElectrodeState Loaded(LiElectrode el, double li_mAh_cm2)
        {
            if (d.Substrate == LiSubstrate.LiFoil)
                return el.Foil(d.LiFoilCapacity_mAh_cm2);
            var st = el.Bare();
            el.Plate(ref st, li_mAh_cm2, li_mAh_cm2 / d.PreplatingCurrent_mA_cm2 * SecondsPerHour, el.PlatingLawAt(d.PreplatingCurrent_mA_cm2));
            el.Transfer(ref st);
            st.SandProgress = 0;
            st.Dendrite_um = 0;
            return st;
        }
    }

    /// <summary>Open-circuit voltage: 0 for Li|Li cells, the cathode's OCV for full cells.</summary>
    public double OpenCircuitVoltage_V(in CellState s) => _cathode?.OpenCircuit_V(s.Cathode) ?? 0.0;

    /// <summary>Terminal voltage at a current density (no state change).</summary>
    public double Voltage_V(in CellState s, double current_mA_cm2)
    {
        if (s.Shorted) return current_mA_cm2 * _negativeLi.Parameters.ShortResistance_ohm_cm2 / 1000.0;
        var ohmic = current_mA_cm2 * _ohmic_ohm_cm2 / 1000.0;
        var negative = _negativeLi.Overpotential_V(s.NegativeLi, -current_mA_cm2);
        var positive = _cathode is null ? _positiveLi!.Overpotential_V(s.PositiveLi, current_mA_cm2) : CathodePotential_V(s, current_mA_cm2);
        return positive - negative + ohmic + Math.Sign(current_mA_cm2) * ConcentrationOverpotential_mV(s, current_mA_cm2) / 1000.0;
    }

    /// <summary>Terminal voltage and its overpotential terms in one evaluation (what a recorder needs per sample).</summary>
    public double Voltage_V(in CellState s, double current_mA_cm2, out OverpotentialSplit split)
    {
        split = Overpotential(s, current_mA_cm2);
        return s.Shorted ? Voltage_V(s, current_mA_cm2)
            : OpenCircuitVoltage_V(s) + (current_mA_cm2 < 0 ? -1.0 : 1.0) * split.Total_mV / 1000.0;
    }

    /// <summary>The terminal voltage's distance from open circuit split into its terms, each a loss in the
    /// direction of the current (mV): <c>Voltage_V = OCV + sign(J) x Total</c> (sign +1 at rest).</summary>
    public OverpotentialSplit Overpotential(in CellState s, double current_mA_cm2)
    {
        var direction = current_mA_cm2 < 0 ? -1.0 : 1.0;
        var ocv = OpenCircuitVoltage_V(s);
        if (s.Shorted)
            return new OverpotentialSplit(0, 0, 0, 0, 0, 0, 0, direction * (Voltage_V(s, current_mA_cm2) - ocv) * 1000.0);
        var n = _negativeLi.Terms(s.NegativeLi, -current_mA_cm2);
        var other = current_mA_cm2 == 0 ? -n.Substrate_mV : n.Substrate_mV;
        var p = default(ElectrodeOverpotential);
        var cathode = 0.0;
        if (_cathode is null)
        {
            p = _positiveLi!.Terms(s.PositiveLi, current_mA_cm2);
            other += p.Substrate_mV;
        }
        else
        {
            cathode = direction * (CathodePotential_V(s, current_mA_cm2) - ocv) * 1000.0;
        }
        return new OverpotentialSplit(
            ChargeTransfer_mV: p.ChargeTransfer_mV + n.ChargeTransfer_mV,
            Film_mV: p.Film_mV + n.Film_mV,
            DeadLi_mV: p.DeadLi_mV + n.DeadLi_mV,
            Nucleation_mV: p.Nucleation_mV + n.Nucleation_mV,
            Ohmic_mV: Math.Abs(current_mA_cm2) * _ohmic_ohm_cm2,
            Concentration_mV: ConcentrationOverpotential_mV(s, current_mA_cm2),
            Cathode_mV: cathode,
            Other_mV: other);
    }

    /// <summary>Cathode potential vs Li/Li+; a cathode driven past its end plates Li (0 V) or oxidises the electrolyte.</summary>
    private double CathodePotential_V(in CellState s, double current_mA_cm2) =>
        current_mA_cm2 < 0 && s.Cathode.IsFull ? 0.0
        : current_mA_cm2 > 0 && s.Cathode.IsEmpty ? Parameters.Electrolyte.OxidationLimit_V
        : _cathode!.Potential_V(s.Cathode, current_mA_cm2);

    /// <summary>Salt polarisation across the separator after the time spent at this current's direction.</summary>
    private double ConcentrationOverpotential_mV(in CellState s, double current_mA_cm2) =>
        Math.Sign(current_mA_cm2) == s.LastDirection ? Transport.ConcentrationOverpotential_mV(current_mA_cm2, s.PolarizationTime_s) : 0.0;

    /// <summary>Where the Li is. Conserved by every advance.</summary>
    public LiInventory Inventory(in CellState s)
    {
        var p = s.PositiveLi;
        var n = s.NegativeLi;
        var halfCell = Design.Kind == CellKind.HalfCell;
        return new LiInventory(
            ActiveNegative_mAh_cm2: halfCell ? 0.0 : n.Connected_mAh_cm2 + n.Passivated_mAh_cm2,
            ActivePositive_mAh_cm2: p.Connected_mAh_cm2 + p.Passivated_mAh_cm2,
            Dead_mAh_cm2: p.Dead_mAh_cm2 + (halfCell ? 0.0 : n.Dead_mAh_cm2),
            Sei_mAh_cm2: p.Sei_mAh_cm2 + (halfCell ? 0.0 : n.Sei_mAh_cm2),
            Cathode_mAh_cm2: s.Cathode.Li_mAh_cm2 + s.Cathode.IsolatedLi_mAh_cm2,
            Counter_mAh_cm2: halfCell ? n.Total_mAh_cm2 : 0.0);
    }

    /// <summary>Host thickness strain of the studied electrode (0 without a host): elastic while Li fills the
    /// expanded pores, and a plastic residual once the peak strain has passed yield.</summary>
    public double HostStrain(in CellState s)
    {
        if (Host is not { } h) return 0.0;
        var st = _positiveLi is not null ? s.PositiveLi : s.NegativeLi;
        var elastic = h.Strain(st.Pore_mAh_cm2);
        var plastic = Parameters.Host.PlasticStrainFraction * Math.Max(0.0, st.PeakStrain - Parameters.Host.YieldStrain);
        return Math.Max(elastic, plastic);
    }

    /// <summary>Longest dendrite path into the separator (both electrodes' tips).</summary>
    public static double DendriteLength_um(in CellState s) => s.PositiveLi.Dendrite_um + s.NegativeLi.Dendrite_um;
}
