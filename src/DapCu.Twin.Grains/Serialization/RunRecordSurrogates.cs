using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Grains.Serialization;

// The physics layer knows nothing of Orleans; these surrogates let its result records cross grain calls.

[GenerateSerializer, Immutable]
public readonly record struct TimeSeriesPointSurrogate(
    [property: Id(0)] double Time_s, [property: Id(1)] int Cycle, [property: Id(2)] int Step, [property: Id(3)] double Current_mA,
    [property: Id(4)] double CurrentDensity_mA_cm2, [property: Id(5)] double Voltage_V, [property: Id(6)] double StepCapacity_mAh_cm2,
    [property: Id(7)] double Overpotential_mV, [property: Id(8)] OverpotentialSplit Split);

[RegisterConverter]
public sealed class TimeSeriesPointConverter : IConverter<TimeSeriesPoint, TimeSeriesPointSurrogate>
{
    public TimeSeriesPoint ConvertFromSurrogate(in TimeSeriesPointSurrogate s) =>
        new(s.Time_s, s.Cycle, s.Step, s.Current_mA, s.CurrentDensity_mA_cm2, s.Voltage_V, s.StepCapacity_mAh_cm2, s.Overpotential_mV) { Split = s.Split };

    public TimeSeriesPointSurrogate ConvertToSurrogate(in TimeSeriesPoint p) =>
        new(p.Time_s, p.Cycle, p.Step, p.Current_mA, p.CurrentDensity_mA_cm2, p.Voltage_V, p.StepCapacity_mAh_cm2, p.Overpotential_mV, p.Split);
}

[GenerateSerializer, Immutable]
public readonly record struct OverpotentialSplitSurrogate(
    [property: Id(0)] double ChargeTransfer_mV, [property: Id(1)] double Film_mV, [property: Id(2)] double DeadLi_mV, [property: Id(3)] double Nucleation_mV,
    [property: Id(4)] double Ohmic_mV, [property: Id(5)] double Concentration_mV, [property: Id(6)] double Cathode_mV, [property: Id(7)] double Other_mV);

[RegisterConverter]
public sealed class OverpotentialSplitConverter : IConverter<OverpotentialSplit, OverpotentialSplitSurrogate>
{
    public OverpotentialSplit ConvertFromSurrogate(in OverpotentialSplitSurrogate s) =>
        new(s.ChargeTransfer_mV, s.Film_mV, s.DeadLi_mV, s.Nucleation_mV, s.Ohmic_mV, s.Concentration_mV, s.Cathode_mV, s.Other_mV);

    public OverpotentialSplitSurrogate ConvertToSurrogate(in OverpotentialSplit o) =>
        new(o.ChargeTransfer_mV, o.Film_mV, o.DeadLi_mV, o.Nucleation_mV, o.Ohmic_mV, o.Concentration_mV, o.Cathode_mV, o.Other_mV);
}

[GenerateSerializer, Immutable]
public readonly record struct LiInventorySurrogate(
    [property: Id(0)] double ActiveNegative_mAh_cm2, [property: Id(1)] double ActivePositive_mAh_cm2, [property: Id(2)] double Dead_mAh_cm2,
    [property: Id(3)] double Sei_mAh_cm2, [property: Id(4)] double Cathode_mAh_cm2, [property: Id(5)] double Counter_mAh_cm2);

[RegisterConverter]
public sealed class LiInventoryConverter : IConverter<LiInventory, LiInventorySurrogate>
{
    public LiInventory ConvertFromSurrogate(in LiInventorySurrogate s) =>
        new(s.ActiveNegative_mAh_cm2, s.ActivePositive_mAh_cm2, s.Dead_mAh_cm2, s.Sei_mAh_cm2, s.Cathode_mAh_cm2, s.Counter_mAh_cm2);

    public LiInventorySurrogate ConvertToSurrogate(in LiInventory i) =>
        new(i.ActiveNegative_mAh_cm2, i.ActivePositive_mAh_cm2, i.Dead_mAh_cm2, i.Sei_mAh_cm2, i.Cathode_mAh_cm2, i.Counter_mAh_cm2);
}

[GenerateSerializer, Immutable]
public readonly record struct CycleRecordSurrogate(
    [property: Id(0)] int Cycle, [property: Id(1)] double EndTime_s, [property: Id(2)] double Charge_mAh_cm2, [property: Id(3)] double Discharge_mAh_cm2,
    [property: Id(4)] double Charge_mAh_g, [property: Id(5)] double Discharge_mAh_g, [property: Id(6)] double CoulombicEfficiency,
    [property: Id(7)] double MeanOverpotential_mV, [property: Id(8)] double MaxOverpotential_mV, [property: Id(9)] double EndVoltage_V,
    [property: Id(10)] double HostExpansion, [property: Id(11)] double DendriteLength_um, [property: Id(12)] LiInventory Inventory,
    [property: Id(13)] OverpotentialSplit MeanSplit);

[RegisterConverter]
public sealed class CycleRecordConverter : IConverter<CycleRecord, CycleRecordSurrogate>
{
    public CycleRecord ConvertFromSurrogate(in CycleRecordSurrogate s) =>
        new(s.Cycle, s.EndTime_s, s.Charge_mAh_cm2, s.Discharge_mAh_cm2, s.Charge_mAh_g, s.Discharge_mAh_g, s.CoulombicEfficiency,
            s.MeanOverpotential_mV, s.MaxOverpotential_mV, s.EndVoltage_V, s.HostExpansion, s.DendriteLength_um, s.Inventory) { MeanSplit = s.MeanSplit };

    public CycleRecordSurrogate ConvertToSurrogate(in CycleRecord c) =>
        new(c.Cycle, c.EndTime_s, c.Charge_mAh_cm2, c.Discharge_mAh_cm2, c.Charge_mAh_g, c.Discharge_mAh_g, c.CoulombicEfficiency,
            c.MeanOverpotential_mV, c.MaxOverpotential_mV, c.EndVoltage_V, c.HostExpansion, c.DendriteLength_um, c.Inventory, c.MeanSplit);
}

[GenerateSerializer, Immutable]
public readonly record struct CellEventSurrogate([property: Id(0)] double Time_s, [property: Id(1)] int Cycle, [property: Id(2)] int Kind, [property: Id(3)] string Detail);

[RegisterConverter]
public sealed class CellEventConverter : IConverter<CellEvent, CellEventSurrogate>
{
    public CellEvent ConvertFromSurrogate(in CellEventSurrogate s) => new(s.Time_s, s.Cycle, (CellEventKind)s.Kind, s.Detail);
    public CellEventSurrogate ConvertToSurrogate(in CellEvent e) => new(e.Time_s, e.Cycle, (int)e.Kind, e.Detail);
}

[GenerateSerializer]
public readonly record struct RunResultSurrogate(
    [property: Id(0)] List<TimeSeriesPoint> TimeSeries, [property: Id(1)] List<CycleRecord> Cycles, [property: Id(2)] List<CellEvent> Events,
    [property: Id(3)] bool EndedEarly, [property: Id(4)] string? EndReason);

[RegisterConverter]
public sealed class RunResultConverter : IConverter<RunResult, RunResultSurrogate>
{
    public RunResult ConvertFromSurrogate(in RunResultSurrogate s)
    {
        var result = new RunResult { EndedEarly = s.EndedEarly, EndReason = s.EndReason };
        result.TimeSeries.AddRange(s.TimeSeries);
        result.Cycles.AddRange(s.Cycles);
        result.Events.AddRange(s.Events);
        return result;
    }

    public RunResultSurrogate ConvertToSurrogate(in RunResult r) => new(r.TimeSeries, r.Cycles, r.Events, r.EndedEarly, r.EndReason);
}

[GenerateSerializer, Immutable]
public readonly record struct TerminalReadingSurrogate(
    [property: Id(0)] double Time_s, [property: Id(1)] double Voltage_V, [property: Id(2)] double Current_A, [property: Id(3)] bool Shorted);

[RegisterConverter]
public sealed class TerminalReadingConverter : IConverter<DapCu.Twin.Physics.Cell.TerminalReading, TerminalReadingSurrogate>
{
    public DapCu.Twin.Physics.Cell.TerminalReading ConvertFromSurrogate(in TerminalReadingSurrogate s) => new(s.Time_s, s.Voltage_V, s.Current_A, s.Shorted);
    public TerminalReadingSurrogate ConvertToSurrogate(in DapCu.Twin.Physics.Cell.TerminalReading r) => new(r.Time_s, r.Voltage_V, r.Current_A, r.Shorted);
}
