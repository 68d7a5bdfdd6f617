using DapCu.Twin.Physics.Cathodes;
using DapCu.Twin.Physics.Electrodes;
using MessagePack;

namespace DapCu.Twin.Physics.Cell;

/// <summary>Everything that changes in a cell: small, blittable, snapshot with MessagePack.</summary>
[MessagePackObject]
public struct CellState
{
    [Key(0)] public double Time_s;
    /// <summary>Li metal on the positive terminal: the Cu/DAP working electrode of a half cell, electrode A of a symmetric cell.</summary>
    [Key(1)] public LiElectrodeState PositiveLi;
    /// <summary>Li metal on the negative terminal: Li-foil counter, electrode B, or the anode of a full cell.</summary>
    [Key(2)] public LiElectrodeState NegativeLi;
    [Key(3)] public CathodeState Cathode;
    /// <summary>SplitMix64 state of the cell's own seeded generator.</summary>
    [Key(4)] public ulong Rng;
    [Key(5)] public bool Shorted;
    /// <summary>Sign of the last non-zero current; a change starts a new half cycle.</summary>
    [Key(6)] public int LastDirection;
    /// <summary>Li consumed by parasitic reactions while an exhausted electrode carried current: none (bookkeeping check).</summary>
    [Key(7)] public double ParasiticCharge_mAh_cm2;
    /// <summary>Time at current of the present direction: how far the salt polarisation across the separator has built up.</summary>
    [Key(8)] public double PolarizationTime_s;
}

/// <summary>What happened during an advance.</summary>
[Flags]
public enum CellEvents
{
    None = 0,
    Short = 1,
    DendriteOnset = 2,
    HostExpansion = 4,
    HostOverflow = 8,
    LiExhausted = 16,
    CathodeLimit = 32,
}
