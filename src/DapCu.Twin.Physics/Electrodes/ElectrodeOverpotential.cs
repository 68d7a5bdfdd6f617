namespace DapCu.Twin.Physics.Electrodes;

/// <summary>One Li electrode's overpotential split into its terms, mV, each counted as a loss in the
/// direction of the current. <see cref="Substrate_mV"/> is the correction once the substrate, not Li,
/// sets the potential (a stripped-out electrode, a bare substrate at rest).</summary>
public readonly record struct ElectrodeOverpotential(double ChargeTransfer_mV, double Film_mV, double DeadLi_mV, double Nucleation_mV, double Substrate_mV)
{
    public double Total_mV => ChargeTransfer_mV + Film_mV + DeadLi_mV + Nucleation_mV + Substrate_mV;
}
