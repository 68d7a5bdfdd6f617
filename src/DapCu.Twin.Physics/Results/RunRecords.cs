namespace DapCu.Twin.Physics.Results;

/// <summary>One sample of a run's time series. Current is positive on charge (see IVirtualCell).</summary>
public readonly record struct TimeSeriesPoint(
    double Time_s,
    int Cycle,
    int Step,
    double Current_mA,
    double CurrentDensity_mA_cm2,
    double Voltage_V,
    double StepCapacity_mAh_cm2,
    double Overpotential_mV);

/// <summary>Where the cell's lithium is, all in mAh/cm2 of geometric area.</summary>
public readonly record struct LiInventory(
    double ActiveNegative_mAh_cm2,
    double ActivePositive_mAh_cm2,
    double Dead_mAh_cm2,
    double Sei_mAh_cm2,
    double Cathode_mAh_cm2,
    double Counter_mAh_cm2)
{
    public double Total_mAh_cm2 =>
        ActiveNegative_mAh_cm2 + ActivePositive_mAh_cm2 + Dead_mAh_cm2 + Sei_mAh_cm2 + Cathode_mAh_cm2 + Counter_mAh_cm2;
}

/// <summary>One row of the per-cycle table. Capacities per gram are NaN for cells without active mass.
/// Coulombic efficiency is delivered/stored: stripped/plated for Li|Cu and symmetric cells,
/// discharge/charge for full cells.</summary>
public sealed record CycleRecord(
    int Cycle,
    double EndTime_s,
    double Charge_mAh_cm2,
    double Discharge_mAh_cm2,
    double Charge_mAh_g,
    double Discharge_mAh_g,
    double CoulombicEfficiency,
    double MeanOverpotential_mV,
    double MaxOverpotential_mV,
    double EndVoltage_V,
    double HostExpansion,
    double DendriteLength_um,
    LiInventory Inventory);

/// <summary>Things that happen to a cell, in the order they happen.</summary>
/// <remarks>RunEnded is the last event of a run that stopped before its protocol did; its detail starts with the end reason.</remarks>
public enum CellEventKind { Nucleation, DendriteOnset, HostExpansion, HostOverflow, Short, Cutoff, LiExhausted, Fault, Note, RunEnded }

public sealed record CellEvent(double Time_s, int Cycle, CellEventKind Kind, string Detail);

/// <summary>The outcome of running a protocol on a cell.</summary>
public sealed class RunResult
{
    public List<TimeSeriesPoint> TimeSeries { get; } = new();
    public List<CycleRecord> Cycles { get; } = new();
    public List<CellEvent> Events { get; } = new();
    /// <summary>True when the run ended before its protocol did (short, Li exhausted, cancelled).</summary>
    public bool EndedEarly { get; set; }
    public string? EndReason { get; set; }
}
