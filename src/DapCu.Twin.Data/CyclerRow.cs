namespace DapCu.Twin.Data;

/// <summary>What the cycler was doing during a record, from the instrument's step type or state column.</summary>
public enum StepKind : byte { Unknown = 0, Rest, Charge, Discharge, Other }

/// <summary>
/// One record of cycler data, normalised to SI-ish battery units and the fixed sign convention:
/// positive current charges the cell (flows into the positive terminal = working electrode), as in BDF.
/// Quantities the file does not report are NaN (doubles) or 0 (cycle, step); see <see cref="DataColumns"/>.
/// </summary>
/// <param name="Line">1-based line in the source file, for error messages downstream.</param>
/// <param name="StepCapacity_Ah">Charge moved within the current step, unsigned, as reported (Maccor Amp-hr, Neware Capacity).</param>
/// <param name="ChargeCapacity_Ah">Charge capacity as the instrument reports it (reset rules differ by instrument).</param>
/// <param name="DischargeCapacity_Ah">Discharge capacity as the instrument reports it.</param>
/// <param name="Frequency_Hz">Impedance records (PEIS/GEIS): the frequency, with <paramref name="ReZ_Ohm"/> and
/// <paramref name="MinusImZ_Ohm"/> (−Im Z, positive for a capacitive arc, as EC-Lab writes it); NaN for time-series records.</param>
/// <param name="StepLabel">The instrument's own name of the step type ("CC_DChg", "D", "discharge CC") as an index into
/// <see cref="CyclerDataReader.StepLabels"/>; -1 when the file names none.</param>
public readonly record struct CyclerRow(
    double Time_s,
    double Current_A,
    double Voltage_V,
    int Cycle,
    int Step,
    StepKind StepType,
    double StepCapacity_Ah,
    double ChargeCapacity_Ah,
    double DischargeCapacity_Ah,
    double Temperature_C,
    long Line,
    double Frequency_Hz = double.NaN,
    double ReZ_Ohm = double.NaN,
    double MinusImZ_Ohm = double.NaN,
    int StepLabel = -1)
{
    public bool IsImpedance => !double.IsNaN(Frequency_Hz);
}

/// <summary>Which optional quantities a file provides (time, current and voltage are always present).</summary>
[Flags]
public enum DataColumns
{
    None = 0,
    Cycle = 1,
    Step = 2,
    StepType = 4,
    StepCapacity = 8,
    ChargeCapacity = 16,
    DischargeCapacity = 32,
    Temperature = 64,
    /// <summary>Frequency, Re Z and −Im Z (PEIS/GEIS records).</summary>
    Impedance = 128,
}
