using MessagePack;

namespace DapCu.Twin.Protocols.Running.Cursor;

/// <summary>Where a step is: not begun (at an instruction), in a constant-current piece loop, in a hold.</summary>
public enum StepPhase : byte { AtInstruction, ConstantCurrent, Hold }

/// <summary>Why a run stopped before its protocol ended.</summary>
public enum StopReason : byte { None, InternalShort, SafetyLimit, LiExhausted, NoCapacity, NoCurrent, CutoffAtStart }

/// <summary>
/// Where one cell is in its protocol: instruction, loop counters, the step's progress and the open
/// cycle's sums. Together with the cell's <see cref="Physics.Cell.CellState"/> it is everything needed to
/// continue the run exactly (a small struct: thousands live in a shard's array and in its snapshot).
/// </summary>
[MessagePackObject]
public struct ProtocolPosition
{
    [Key(0)] public int Pc;
    [Key(1)] public StepPhase Phase;
    [Key(2)] public int Cycle;
    [Key(3)] public int Step;
    [Key(4)] public int Loop0;
    [Key(5)] public int Loop1;
    [Key(6)] public int Loop2;
    [Key(7)] public int Loop3;
    /// <summary>Time spent in the present step.</summary>
    [Key(8)] public double StepElapsed_s;
    /// <summary>Charge passed in the present step (capacity cutoffs of holds).</summary>
    [Key(9)] public double StepCapacity_mAh_cm2;
    /// <summary>Piece length of the present constant-current step.</summary>
    [Key(10)] public double Piece_s;
    /// <summary>When the present step's source runs out (pieces shrink after it).</summary>
    [Key(11)] public double SourceLimit_s;
    /// <summary>Overpotential at the end of the last piece, for the trapezoidal mean.</summary>
    [Key(12)] public double Overpotential_mV;
    /// <summary>Terminal voltage at the end of the last piece.</summary>
    [Key(13)] public double Voltage_V;
    /// <summary>Current density of the present step (positive on charge), 0 at rest.</summary>
    [Key(14)] public double Current_mA_cm2;
    [Key(15)] public CycleAccumulator Open;
    /// <summary>Event kinds already reported once (bit per <see cref="Physics.Results.CellEventKind"/>).</summary>
    [Key(16)] public int SeenEvents;
    [Key(17)] public StopReason Stopped;
    [Key(18)] public bool Finished;
    /// <summary>Cycles completed so far.</summary>
    [Key(19)] public int CompletedCycles;
    /// <summary>Exact pieces taken since assembly (a recomputation stops after as many).</summary>
    [Key(20)] public int Pieces;
    /// <summary>Some completed cycle moved charge (a cycle that moves none then means the cell cannot cycle).</summary>
    [Key(21)] public bool EverMoved;
    /// <summary>Charge of the last completed cycle (the CE of a full cell that discharges first is over it; NaN before one).</summary>
    [Key(22)] public double PreviousCharge_mAh_cm2;

    /// <summary>A cell before the first instruction of its protocol.</summary>
    public static ProtocolPosition Start => new() { Cycle = 1, PreviousCharge_mAh_cm2 = double.NaN };

    [IgnoreMember] public readonly bool EndedEarly => Stopped != StopReason.None;
}
