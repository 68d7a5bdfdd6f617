namespace DapCu.Twin.Data.Replay;

/// <summary>
/// Measured against twin for one cycle. Capacities in Ah; CE is returned over inserted charge (the inserted
/// direction is the file's first current: stripped/plated for Li|Cu, discharge/charge for full cells).
/// Overpotential is the mean |V - OCV| over records with current, both against the twin's OCV.
/// </summary>
public sealed record CycleComparison(
    int Cycle, int Records, double VoltageRmse_V,
    double MeasuredCharge_Ah, double TwinCharge_Ah, double MeasuredDischarge_Ah, double TwinDischarge_Ah,
    double MeasuredCe, double TwinCe, double MeasuredOverpotential_V, double TwinOverpotential_V)
{
    public double ChargeError_Ah => TwinCharge_Ah - MeasuredCharge_Ah;
    public double DischargeError_Ah => TwinDischarge_Ah - MeasuredDischarge_Ah;
    public double CeError => TwinCe - MeasuredCe;
    public double OverpotentialError_V => TwinOverpotential_V - MeasuredOverpotential_V;
}

/// <summary>The whole comparison of one file against the twin.</summary>
public sealed record ComparisonResult(ReplayTrace Trace, IReadOnlyList<CycleComparison> Cycles, bool ChargeFirst)
{
    public double VoltageRmse_V => Trace.VoltageRmse_V();
    /// <summary>Capacity the cell gives back per cycle: discharge for charge-first cells, charge (stripping) otherwise.</summary>
    public static double Returned(CycleComparison c, bool chargeFirst, bool twin) =>
        chargeFirst ? (twin ? c.TwinDischarge_Ah : c.MeasuredDischarge_Ah) : (twin ? c.TwinCharge_Ah : c.MeasuredCharge_Ah);
}
