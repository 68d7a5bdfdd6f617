using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Protocols.Running.Cursor;

namespace DapCu.Twin.Grains.Live;

/// <summary>
/// What a fleet's counts need of one cell (its state class and cell time), kept beside its 568 bytes of state
/// and protocol position and refreshed whenever the cell changes. The fleet's pull counts every cell twice a
/// second: reading 16 bytes per cell instead of the whole state is what lets ten million cells be counted on one box.
/// </summary>
internal readonly record struct CellTally(CellTally.Flags State, double Time_s)
{
    [Flags]
    public enum Flags : byte
    {
        None = 0,
        Finished = 1,
        Cycling = 2,
        Shorted = 4,
        LiExhausted = 8,
        EndedEarly = 16,
        Promoted = 32,
    }

    public static CellTally Of(in CellState s, in ProtocolPosition p, bool promoted) => new(
        (p.Finished ? Flags.Finished : 0)
        | (!p.Finished && p.Current_mA_cm2 != 0 ? Flags.Cycling : 0)
        | (s.Shorted ? Flags.Shorted : 0)
        | (LiveCellRecompute.LiExhausted(p) ? Flags.LiExhausted : 0)
        | (p.EndedEarly ? Flags.EndedEarly : 0)
        | (promoted ? Flags.Promoted : 0),
        s.Time_s);

    public bool Has(Flags f) => (State & f) != 0;
}
