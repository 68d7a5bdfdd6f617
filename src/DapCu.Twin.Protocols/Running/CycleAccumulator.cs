using DapCu.Twin.Physics.Results;
using MessagePack;

namespace DapCu.Twin.Protocols.Running;

/// <summary>Sums one cycle's charge, discharge and overpotential as the run goes (part of a
/// <see cref="Cursor.ProtocolPosition"/>, so it is snapshot with MessagePack).</summary>
[MessagePackObject]
public struct CycleAccumulator
{
    [Key(0)] public double Charge_mAh_cm2;
    [Key(1)] public double Discharge_mAh_cm2;
    [Key(2)] public double OverpotentialIntegral_mV_s;
    [Key(3)] public double SampledTime_s;
    [Key(4)] public double MaxOverpotential_mV;
    [Key(5)] public double EndVoltage_V;
    [Key(6)] public bool HasCurrent;
    /// <summary>A charge, discharge or hold step ran in this cycle, even if it ended at once at its cutoff.</summary>
    [Key(7)] public bool Attempted;
    /// <summary>A current step of this cycle met its voltage cutoff before any charge flowed.</summary>
    [Key(8)] public bool CutoffAtStart;
    /// <summary>A discharge step (Li leaves the negative electrode) met its cutoff before any charge flowed.</summary>
    [Key(9)] public bool DischargeBlocked;
    /// <summary>Time integral of each overpotential term (their sum is <see cref="OverpotentialIntegral_mV_s"/>).</summary>
    [Key(10)] public OverpotentialSplit SplitIntegral_mV_s;
    /// <summary>Current flowed on discharge before any on charge in this cycle.</summary>
    [Key(11)] public bool DischargedFirst;

    /// <summary>Charge moved either way in this cycle, mAh/cm2.</summary>
    [IgnoreMember] public readonly double Moved_mAh_cm2 => Charge_mAh_cm2 + Discharge_mAh_cm2;

    /// <summary>Charge below which a cycle counts as having moved none (mAh/cm2; well below any real cycle).</summary>
    public const double NoCharge_mAh_cm2 = 1e-9;

    /// <summary>This cycle moved charge (it counts towards "the cell has ever cycled").</summary>
    [IgnoreMember] public readonly bool MovedCharge => Moved_mAh_cm2 > NoCharge_mAh_cm2;

    /// <summary>Why this cycle, if it was attempted and moved no charge, ends the run (an <see cref="EndReasons"/>
    /// code), or null. One rule for the runner and the live cursor.</summary>
    public readonly string? DeadCycleReason(bool everMoved, bool liExhaustedSeen, bool halfCell)
    {
        if (!Attempted || MovedCharge) return null;
        if (!everMoved) return CutoffAtStart ? EndReasons.CutoffAtStart : EndReasons.NoCurrent;
        // Li leaves the negative electrode on discharge; if that cannot even start, the Li is gone.
        if (liExhaustedSeen || (DischargeBlocked && !halfCell)) return EndReasons.LiExhausted;
        return CutoffAtStart ? EndReasons.NoCapacity : EndReasons.NoCurrent;
    }

    public void AddCharge(double current_mA_cm2, double duration_s)
    {
        var q = Math.Abs(current_mA_cm2) * duration_s / 3600.0;
        if (current_mA_cm2 > 0) Charge_mAh_cm2 += q;
        else if (current_mA_cm2 < 0)
        {
            if (Charge_mAh_cm2 == 0 && Discharge_mAh_cm2 == 0) DischargedFirst = true;
            Discharge_mAh_cm2 += q;
        }
        if (current_mA_cm2 != 0) HasCurrent = true;
    }

    /// <summary>Mean overpotential over an interval, for the cycle's time-weighted mean.</summary>
    public void AddOverpotential(double mean_mV, double duration_s)
    {
        OverpotentialIntegral_mV_s += mean_mV * duration_s;
        SampledTime_s += duration_s;
    }

    /// <summary>The same interval's terms (their mean sums to the mean passed to <see cref="AddOverpotential"/>).</summary>
    public void AddSplit(in OverpotentialSplit mean, double duration_s) => SplitIntegral_mV_s += duration_s * mean;

    public void Peak(double overpotential_mV)
    {
        if (overpotential_mV > MaxOverpotential_mV) MaxOverpotential_mV = overpotential_mV;
    }

    /// <param name="previousCharge_mAh_cm2">charge of the previous cycle: what a full cell that discharges
    /// first delivers in this cycle was stored then, so its CE is this discharge over that charge and
    /// follows the Li inventory (NaN for the first cycle, whose Li was never charged).</param>
    public readonly CycleRecord ToRecord(int cycle, double endTime_s, double activeMass_g_cm2, bool deliveredOnDischarge,
        double hostExpansion, double dendrite_um, LiInventory inventory, double previousCharge_mAh_cm2 = double.NaN)
    {
        var stored = deliveredOnDischarge ? (DischargedFirst ? previousCharge_mAh_cm2 : Charge_mAh_cm2) : Discharge_mAh_cm2;
        var delivered = deliveredOnDischarge ? Discharge_mAh_cm2 : Charge_mAh_cm2;
        return new CycleRecord(
            cycle, endTime_s, Charge_mAh_cm2, Discharge_mAh_cm2,
            activeMass_g_cm2 > 0 ? Charge_mAh_cm2 / activeMass_g_cm2 : double.NaN,
            activeMass_g_cm2 > 0 ? Discharge_mAh_cm2 / activeMass_g_cm2 : double.NaN,
            stored > 0 ? delivered / stored : double.NaN,
            SampledTime_s > 0 ? OverpotentialIntegral_mV_s / SampledTime_s : 0.0,
            MaxOverpotential_mV, EndVoltage_V, hostExpansion, dendrite_um, inventory)
        {
            MeanSplit = SampledTime_s > 0 ? 1.0 / SampledTime_s * SplitIntegral_mV_s : default,
        };
    }
}
