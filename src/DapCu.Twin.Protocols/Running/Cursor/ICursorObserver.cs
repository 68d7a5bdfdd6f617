using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;

namespace DapCu.Twin.Protocols.Running.Cursor;

/// <summary>What a cursor reports as it goes; every member is optional.</summary>
public interface ICursorObserver
{
    void CycleCompleted(CycleRecord cycle) { }
    void EventOccurred(CellEvent cellEvent) { }
    /// <summary>One exact piece of constant current was taken: the state before it, the current and its length.</summary>
    void Piece(in CellState before, double current_mA_cm2, double duration_s) { }
}

/// <summary>Collects cycles and events into a <see cref="RunResult"/>, as <see cref="ProtocolRunner"/> fills it.</summary>
public sealed class RunResultObserver : ICursorObserver
{
    public RunResult Result { get; } = new();
    public void CycleCompleted(CycleRecord cycle) => Result.Cycles.Add(cycle);
    public void EventOccurred(CellEvent cellEvent) => Result.Events.Add(cellEvent);
}
