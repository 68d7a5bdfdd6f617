using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Protocols.Running;

/// <summary>Sums one cycle's charge, discharge and overpotential as the run goes.</summary>
internal struct CycleAccumulator
{
    public double Charge_mAh_cm2;
    public double Discharge_mAh_cm2;
    public double OverpotentialIntegral_mV_s;
    public double SampledTime_s;
    public double MaxOverpotential_mV;
    public double EndVoltage_V;
    public bool HasCurrent;
    /// <summary>A charge, discharge or hold step ran in this cycle, even if it ended at once at its cutoff.</summary>
    public bool Attempted;
    /// <summary>A current step of this cycle met its voltage cutoff before any charge flowed.</summary>
    public bool CutoffAtStart;
    /// <summary>A discharge step (Li leaves the negative electrode) met its cutoff before any charge flowed.</summary>
    public bool DischargeBlocked;

    /// <summary>Charge moved either way in this cycle, mAh/cm2.</summary>
    public readonly double Moved_mAh_cm2 => Charge_mAh_cm2 + Discharge_mAh_cm2;

    public void AddCharge(double current_mA_cm2, double duration_s)
    {
        var q = Math.Abs(current_mA_cm2) * duration_s / 3600.0;
        if (current_mA_cm2 > 0) Charge_mAh_cm2 += q;
        else if (current_mA_cm2 < 0) Discharge_mAh_cm2 += q;
        if (current_mA_cm2 != 0) HasCurrent = true;
    }

    /// <summary>Mean overpotential over an interval, for the cycle's time-weighted mean.</summary>
    public void AddOverpotential(double mean_mV, double duration_s)
    {
        OverpotentialIntegral_mV_s += mean_mV * duration_s;
        SampledTime_s += duration_s;
    }

    public void Peak(double overpotential_mV)
    {
        if (overpotential_mV > MaxOverpotential_mV) MaxOverpotential_mV = overpotential_mV;
    }

    public readonly CycleRecord ToRecord(int cycle, double endTime_s, double activeMass_g_cm2, bool deliveredOnDischarge,
        double hostExpansion, double dendrite_um, LiInventory inventory)
    {
        var stored = deliveredOnDischarge ? Charge_mAh_cm2 : Discharge_mAh_cm2;
        var delivered = deliveredOnDischarge ? Discharge_mAh_cm2 : Charge_mAh_cm2;
        return new CycleRecord(
            cycle, endTime_s, Charge_mAh_cm2, Discharge_mAh_cm2,
            activeMass_g_cm2 > 0 ? Charge_mAh_cm2 / activeMass_g_cm2 : double.NaN,
            activeMass_g_cm2 > 0 ? Discharge_mAh_cm2 / activeMass_g_cm2 : double.NaN,
            stored > 0 ? delivered / stored : double.NaN,
            SampledTime_s > 0 ? OverpotentialIntegral_mV_s / SampledTime_s : 0.0,
            MaxOverpotential_mV, EndVoltage_V, hostExpansion, dendrite_um, inventory);
    }
}
