namespace DapCu.Twin.Protocols.Model;

/// <summary>Where a protocol element came from, for error messages ("line 3, column 12").</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}

/// <summary>How a current is given: per area, absolute, or as a C-rate of the cell's rated capacity.</summary>
public enum CurrentUnit { MilliAmpPerCm2, MilliAmp, Amp, CRate }

/// <summary>A current magnitude with its unit; direction comes from the step kind.</summary>
public readonly record struct CurrentSpec(double Value, CurrentUnit Unit)
{
    public override string ToString() => Unit switch
    {
        CurrentUnit.MilliAmpPerCm2 => $"{Value:G} mA/cm2",
        CurrentUnit.MilliAmp => $"{Value:G} mA",
        CurrentUnit.Amp => $"{Value:G} A",
        _ => $"{Value:G}C",
    };
}

/// <summary>Charge: positive current (strips Li from a half cell's Cu, charges a full cell). Discharge: negative.
/// Hold: constant voltage until the current falls below a cutoff. Rest: zero current.</summary>
public enum StepKind { Charge, Discharge, Rest, Hold }

/// <summary>A condition that ends a step early ("until 1 V", "until 1 mAh/cm2", "until 0.05 mA/cm2").</summary>
public abstract record Cutoff;
/// <summary>Ends the step when the terminal voltage reaches this value (crossing in the step's direction).</summary>
public sealed record VoltageCutoff(double Voltage_V) : Cutoff;
/// <summary>Ends the step when the charge passed in it reaches this areal capacity.</summary>
public sealed record CapacityCutoff(double Capacity_mAh_cm2) : Cutoff;
/// <summary>Ends the step when the charge passed in it reaches this absolute capacity ("until 2 mAh"), for
/// protocols written per cell rather than per area.</summary>
public sealed record AbsoluteCapacityCutoff(double Capacity_mAh) : Cutoff;
/// <summary>Ends a constant-voltage hold when the current magnitude falls below this value.</summary>
public sealed record CurrentCutoff(CurrentSpec Current) : Cutoff;

/// <summary>One node of a protocol: a step or a loop.</summary>
public abstract record ProtocolNode(SourceLocation Location);

/// <summary>One step. Duration and cutoffs end it, whichever comes first; at least one must be present
/// (a Rest needs a duration).</summary>
public sealed record ProtocolStep(
    StepKind Kind,
    CurrentSpec? Current,
    double? HoldVoltage_V,
    double? Duration_s,
    IReadOnlyList<Cutoff> Cutoffs,
    SourceLocation Location) : ProtocolNode(Location);

/// <summary>A block repeated Count times; each iteration of the innermost loop is one cycle.</summary>
public sealed record ProtocolLoop(int Count, IReadOnlyList<ProtocolNode> Body, SourceLocation Location)
    : ProtocolNode(Location);

/// <summary>A whole protocol. StopOnShort ends the run at the first internal short; a cycler's safety
/// limits (optional) end it when the terminal voltage leaves [SafetyMin_V, SafetyMax_V].</summary>
public sealed record Protocol(IReadOnlyList<ProtocolNode> Nodes, bool StopOnShort = true)
{
    public double? SafetyMin_V { get; init; }
    public double? SafetyMax_V { get; init; }
}
