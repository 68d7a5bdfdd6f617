using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running.Cursor;

namespace DapCu.Twin.Grains.Live;

/// <summary>One point of a cell's recent curve.</summary>
[GenerateSerializer, Immutable]
public readonly record struct CurvePoint([property: Id(0)] double Time_s, [property: Id(1)] double Current_mA_cm2, [property: Id(2)] double Voltage_V);

/// <summary>
/// One live cell now: where it is in its protocol, its terminal voltage and Li inventory at the fleet's
/// present time, its cycle table and events (recomputed from its seed up to its stored state, which the
/// engine's determinism makes exact) and its recent voltage curve.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveCellView(
    [property: Id(0)] int Index,
    [property: Id(1)] CellSetup Setup,
    [property: Id(2)] double Time_s,
    [property: Id(3)] double Current_mA_cm2,
    [property: Id(4)] double Voltage_V,
    [property: Id(5)] int Cycle,
    [property: Id(6)] int Step,
    [property: Id(7)] string Status,
    [property: Id(8)] bool Shorted,
    [property: Id(9)] bool LiExhausted,
    [property: Id(10)] string? EndReason,
    [property: Id(11)] LiInventory Inventory,
    [property: Id(12)] CycleRecord[] Cycles,
    [property: Id(13)] CellEvent[] Events,
    [property: Id(14)] CurvePoint[] Curve,
    [property: Id(15)] bool Promoted,
    /// <summary>Cell time of the stored state (the last exact piece); Time_s is the present, reached by a probe.</summary>
    [property: Id(16)] double StoredTime_s,
    /// <summary>True when recomputing from the seed arrived at the stored state bit for bit.</summary>
    [property: Id(17)] bool RecomputedExactly);

/// <summary>A cell handed from its shard to a CellGrain of its own: setup, state and protocol position (MessagePack).</summary>
[GenerateSerializer, Immutable]
public sealed record PromotedCell([property: Id(0)] CellSetup Setup, [property: Id(1)] byte[] State, [property: Id(2)] byte[] Position);

/// <summary>Builds a <see cref="LiveCellView"/>: recomputes a cell from assembly through as many pieces as it has taken, keeping
/// its cycles, events and the last pieces (expanded into a curve by exact probes).</summary>
public static class LiveCellRecompute
{
    private const int PiecesKept = 120;
    private const int PointsPerPiece = 8;

    public static LiveCellView View(int index, CellSetup setup, ProtocolCursor cursor, CellState initial, CellState stored,
        ProtocolPosition position, double now_s, bool promoted)
    {
        var observer = new Recorder();
        var s = initial;
        var p = ProtocolPosition.Start;
        cursor.AdvanceTo(ref s, ref p, double.PositiveInfinity, observer, position.Pieces);
        var exact = MessagePack.MessagePackSerializer.Serialize(s).AsSpan().SequenceEqual(MessagePack.MessagePackSerializer.Serialize(stored));

        var model = cursor.Model;
        var curve = new List<CurvePoint>();
        foreach (var (before, j, dt) in observer.Pieces)
            for (var k = 0; k < PointsPerPiece; k++)
            {
                var probe = before;
                model.Advance(ref probe, j, dt * k / PointsPerPiece);
                curve.Add(new CurvePoint(probe.Time_s, j, model.Voltage_V(probe, j)));
            }
        // The present: the stored state carried on at the step's current to the fleet's time (not stored).
        var present = stored;
        var j0 = position.Finished ? 0.0 : position.Current_mA_cm2;
        if (double.IsFinite(now_s) && now_s > stored.Time_s && !position.Finished && position.Phase == StepPhase.ConstantCurrent)
            model.Advance(ref present, j0, now_s - stored.Time_s);
        var voltage = model.Voltage_V(present, j0);
        curve.Add(new CurvePoint(present.Time_s, j0, voltage));

        return new LiveCellView(index, setup, present.Time_s, j0, voltage, position.Cycle, position.Step, Status(position),
            stored.Shorted, LiExhausted(position), ProtocolCursor.Reason(position.Stopped), model.Inventory(present),
            observer.Cycles.ToArray(), observer.Events.ToArray(), curve.ToArray(), promoted, stored.Time_s, exact);
    }

    public static string Status(in ProtocolPosition p) => p.Finished ? "finished" : p.Current_mA_cm2 != 0 ? "cycling" : "resting";

    public static bool LiExhausted(in ProtocolPosition p) => (p.SeenEvents & (1 << (int)CellEventKind.LiExhausted)) != 0;

    private sealed class Recorder : ICursorObserver
    {
        public List<CycleRecord> Cycles { get; } = [];
        public List<CellEvent> Events { get; } = [];
        public Queue<(CellState Before, double J, double Dt)> Pieces { get; } = new();
        public void CycleCompleted(CycleRecord cycle) => Cycles.Add(cycle);
        public void EventOccurred(CellEvent cellEvent) => Events.Add(cellEvent);
        public void Piece(in CellState before, double current_mA_cm2, double duration_s)
        {
            if (Pieces.Count == PiecesKept) Pieces.Dequeue();
            Pieces.Enqueue((before, current_mA_cm2, duration_s));
        }
    }
}
