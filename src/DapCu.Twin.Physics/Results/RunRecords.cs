using MessagePack;

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
    double Overpotential_mV)
{
    /// <summary>The overpotential's terms at this sample (zero at rest); they sum to <see cref="Overpotential_mV"/>.</summary>
    public OverpotentialSplit Split { get; init; }
}

/// <summary>The overpotential's terms, mV, each a loss in the direction of the current; they sum to
/// |V - OCV| while current flows. Charge transfer, SEI film, dead-Li layer and nucleation add both Li
/// electrodes; ohmic is separator, contacts and bending; concentration is the salt polarisation across
/// the separator; cathode is a full cell's cathode (kinetics, resistance, solid diffusion); other is the
/// substrate taking over from Li, or a short.</summary>
[MessagePackObject]
public readonly record struct OverpotentialSplit(
    [property: Key(0)] double ChargeTransfer_mV,
    [property: Key(1)] double Film_mV,
    [property: Key(2)] double DeadLi_mV,
    [property: Key(3)] double Nucleation_mV,
    [property: Key(4)] double Ohmic_mV,
    [property: Key(5)] double Concentration_mV,
    [property: Key(6)] double Cathode_mV,
    [property: Key(7)] double Other_mV)
{
    [IgnoreMember] public double Total_mV => ChargeTransfer_mV + Film_mV + DeadLi_mV + Nucleation_mV + Ohmic_mV + Concentration_mV + Cathode_mV + Other_mV;

    /// <summary>Column names of the terms, in order (time series and cycle tables).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["eta_charge_transfer_mV", "eta_sei_mV", "eta_dead_li_mV", "eta_nucleation_mV", "eta_ohmic_mV", "eta_concentration_mV", "eta_cathode_mV", "eta_other_mV"];

    public static OverpotentialSplit operator +(OverpotentialSplit a, OverpotentialSplit b) => new(
        a.ChargeTransfer_mV + b.ChargeTransfer_mV, a.Film_mV + b.Film_mV, a.DeadLi_mV + b.DeadLi_mV, a.Nucleation_mV + b.Nucleation_mV,
        a.Ohmic_mV + b.Ohmic_mV, a.Concentration_mV + b.Concentration_mV, a.Cathode_mV + b.Cathode_mV, a.Other_mV + b.Other_mV);

    public static OverpotentialSplit operator *(double k, OverpotentialSplit a) => new(
        k * a.ChargeTransfer_mV, k * a.Film_mV, k * a.DeadLi_mV, k * a.Nucleation_mV,
        k * a.Ohmic_mV, k * a.Concentration_mV, k * a.Cathode_mV, k * a.Other_mV);

    [IgnoreMember] public IEnumerable<double> Values =>
        [ChargeTransfer_mV, Film_mV, DeadLi_mV, Nucleation_mV, Ohmic_mV, Concentration_mV, Cathode_mV, Other_mV];
}

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
    LiInventory Inventory)
{
    /// <summary>Time-weighted mean of each overpotential term over the cycle (same weights as
    /// <see cref="MeanOverpotential_mV"/>, so the terms sum to it).</summary>
    public OverpotentialSplit MeanSplit { get; init; }
}

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
