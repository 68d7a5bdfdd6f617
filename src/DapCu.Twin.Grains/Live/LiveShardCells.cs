using System.Diagnostics;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running.Cursor;
using MessagePack;

namespace DapCu.Twin.Grains.Live;

/// <summary>
/// The cells of one live shard and the work on them, apart from the grain: parallel struct arrays of model
/// state and protocol position (index = cell − FirstCell), per-cell cursors only when the fleet has spread,
/// and the shard's histograms. Not thread-safe: its grain calls it one turn at a time.
/// </summary>
public sealed class LiveShardCells
{
    /// <summary>Pieces one cell takes per visit when accelerated, so every cell moves in every slice.</summary>
    private const int PiecesPerVisit = 64;

    private readonly LiveShardRange _range;
    private readonly LiveCellModels _models;
    private readonly ProtocolCursor[]? _cursors;
    private readonly CellState[] _states;
    private readonly ProtocolPosition[] _positions;
    private readonly bool[] _promoted;
    /// <summary>Cell time each cell's next piece ends (−∞: not known yet, visit it). A wall-clock pass reads this
    /// one contiguous array and touches a cell's state only when a piece is due: skipping a cell not due is
    /// exactly what the cursor would do (after a call a running cell always waits at a piece, never at an instruction).</summary>
    private readonly double[] _due;
    /// <summary>Each cell's state class and time, refreshed whenever the cell changes (what <see cref="Aggregates"/> reads).</summary>
    private readonly CellTally[] _tally;
    private readonly AggregateObserver _observer;
    private int _nextVisit;

    public LiveShardCells(LiveFleetSetup setup, LiveShardRange range, string shard)
    {
        _range = range;
        _models = new LiveCellModels(setup);
        var n = range.CellCount;
        if (!_models.Shared)
        {
            _cursors = new ProtocolCursor[n];
            for (var i = 0; i < n; i++) _cursors[i] = _models.Cursor(range.FirstCell + i);
        }
        _states = new CellState[n];
        _positions = new ProtocolPosition[n];
        _promoted = new bool[n];
        _due = new double[n];
        Array.Fill(_due, double.NegativeInfinity);
        _tally = new CellTally[n];
        for (var i = 0; i < n; i++)
        {
            _states[i] = _models.InitialState(range.FirstCell + i);
            _positions[i] = ProtocolPosition.Start;
            Retally(i);
        }
        Bins = LiveBins.For(_models.Nominal);
        _observer = new AggregateObserver(LiveAggregates.Empty(Bins), _models.Nominal.Model.Design.IsFullCell);
        Shard = shard;
    }

    public string Shard { get; }
    public LiveBins Bins { get; }
    public int Count => _states.Length;
    public bool AllFinished { get; private set; }

    /// <summary>Set when a pass ran out of budget before every cell reached the present (cleared by <see cref="Aggregates"/>).</summary>
    public bool Behind { get; private set; }

    /// <summary>Longest wall time an <see cref="Advance"/> took since the last <see cref="Aggregates"/>.</summary>
    public TimeSpan LongestAdvance { get; private set; }

    private ProtocolCursor CursorOf(int i) => _cursors?[i] ?? _models.Cursor(_range.FirstCell + i);

    /// <summary>Takes every piece due by <paramref name="until_s"/>, stopping early when the CPU budget is spent
    /// (the next call resumes with the next cell). Returns the earliest cell time a piece is due next.</summary>
    public double Advance(double until_s, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var n = _states.Length;
        var nextDue = double.PositiveInfinity;
        var unbounded = double.IsPositiveInfinity(until_s);
        var finished = true;
        var visited = 0;
        long steps = 0;
        for (; visited < n; visited++)
        {
            var i = (_nextVisit + visited) % n;
            if (_tally[i].Has(CellTally.Flags.Promoted | CellTally.Flags.Finished)) continue; // 16 bytes read, not the state
            if (_due[i] > until_s) { nextDue = Math.Min(nextDue, _due[i]); finished = false; continue; } // nothing due: state untouched
            _observer.Cell = i;
            var piecesBefore = _positions[i].Pieces;
            var due = CursorOf(i).AdvanceTo(ref _states[i], ref _positions[i], until_s, _observer, unbounded ? PiecesPerVisit : int.MaxValue);
            _due[i] = unbounded ? double.NegativeInfinity : due; // an accelerated visit stops by piece count, not time
            Retally(i);
            steps += _positions[i].Pieces - piecesBefore;
            nextDue = Math.Min(nextDue, due);
            if (!_positions[i].Finished) finished = false;
            // The budget is checked after cells that did work only: a pass over cells with nothing due is a few ns each.
            if (clock.Elapsed >= budget) { visited++; finished = false; break; }
        }
        _nextVisit = (_nextVisit + visited) % Math.Max(n, 1);
        if (steps > 0) Telemetry.TwinTelemetry.CellSteps.Add(steps);
        AllFinished = finished && visited >= n;
        if (clock.Elapsed > LongestAdvance) LongestAdvance = clock.Elapsed;
        // Out of budget before every cell reached the present: this shard is behind its clock.
        if (!unbounded && visited < n) Behind = true;
        return nextDue;
    }

    /// <summary>Counts by state over all cells, with the histograms so far.</summary>
    public LiveAggregates Aggregates(DateTimeOffset asOf)
    {
        var a = _observer.Aggregates.Copy();
        a.ClearCounts();
        foreach (ref readonly var t in _tally.AsSpan())
        {
            a.Cells++;
            if (t.Has(CellTally.Flags.Finished)) a.Finished++;
            else if (t.Has(CellTally.Flags.Cycling)) a.Cycling++;
            else a.Resting++;
            if (t.Has(CellTally.Flags.Shorted)) a.Shorted++;
            if (t.Has(CellTally.Flags.LiExhausted)) a.LiExhausted++;
            if (t.Has(CellTally.Flags.EndedEarly)) a.EndedEarly++;
            if (t.Has(CellTally.Flags.Promoted)) { a.Promoted++; continue; }
            if (!t.Has(CellTally.Flags.Finished)) a.MinCellTime_s = Math.Min(a.MinCellTime_s, t.Time_s);
            a.MaxCellTime_s = Math.Max(a.MaxCellTime_s, t.Time_s);
        }
        a.AsOf = asOf;
        a.MaxCatchUp_ms = LongestAdvance.TotalMilliseconds;
        a.ShardsBehind = Behind ? 1 : 0;
        LongestAdvance = TimeSpan.Zero;
        Behind = false;
        return a;
    }

    public LiveCellView View(int cellIndex, double now_s)
    {
        var i = Local(cellIndex);
        return LiveCellRecompute.View(cellIndex, _models.Setup(cellIndex), CursorOf(i), _models.InitialState(cellIndex),
            _states[i], _positions[i], now_s, _promoted[i]);
    }

    public PromotedCell Release(int cellIndex)
    {
        var exported = Export(cellIndex);
        _promoted[Local(cellIndex)] = true;
        Retally(Local(cellIndex));
        return exported;
    }

    public PromotedCell Export(int cellIndex)
    {
        var i = Local(cellIndex);
        return new PromotedCell(_models.Setup(cellIndex), MessagePackSerializer.Serialize(_states[i]), MessagePackSerializer.Serialize(_positions[i]));
    }

    /// <summary>The shard's checkpoint; it shares the cell arrays, so write it before the cells advance again.</summary>
    public LiveShardSnapshot Snapshot()
    {
        var a = _observer.Aggregates;
        return new LiveShardSnapshot
        {
            FirstCell = _range.FirstCell,
            // The arrays themselves, not copies (a 10,000-cell copy is 5 MB of garbage per checkpoint): the shard
            // grain is not reentrant, so no tick changes them while the checkpoint is written.
            States = _states,
            Positions = _positions,
            Promoted = _promoted,
            CompletedCycles = a.CompletedCycles,
            Capacity = a.CapacityByCycle.Select(HistogramSnapshot.Of).ToArray(),
            Ce = a.CeByCycle.Select(HistogramSnapshot.Of).ToArray(),
            Overpotential = a.OverpotentialByCycle.Select(HistogramSnapshot.Of).ToArray(),
            ShortTime = HistogramSnapshot.Of(a.ShortTime_h),
        };
    }

    public void Restore(LiveShardSnapshot snapshot)
    {
        if (snapshot.FirstCell != _range.FirstCell || snapshot.States.Length != _states.Length)
            throw new InvalidOperationException($"live shard {Shard}: checkpoint holds cells {snapshot.FirstCell}..{snapshot.FirstCell + snapshot.States.Length - 1}, " +
                $"the shard owns {_range.FirstCell}..{_range.FirstCell + _range.CellCount - 1}");
        snapshot.States.CopyTo(_states, 0);
        snapshot.Positions.CopyTo(_positions, 0);
        snapshot.Promoted.CopyTo(_promoted, 0);
        Array.Fill(_due, double.NegativeInfinity);
        for (var i = 0; i < _tally.Length; i++) Retally(i);
        var a = LiveAggregates.Empty(Bins);
        a.CompletedCycles = snapshot.CompletedCycles;
        a.CapacityByCycle.AddRange(snapshot.Capacity.Select(h => h.ToHistogram()));
        a.CeByCycle.AddRange(snapshot.Ce.Select(h => h.ToHistogram()));
        a.OverpotentialByCycle.AddRange(snapshot.Overpotential.Select(h => h.ToHistogram()));
        if (snapshot.ShortTime is { } st) a.ShortTime_h.Merge(st.ToHistogram());
        _observer.Aggregates = a;
    }

    private void Retally(int i) => _tally[i] = CellTally.Of(_states[i], _positions[i], _promoted[i]);

    private int Local(int cellIndex)
    {
        var i = cellIndex - _range.FirstCell;
        if (i < 0 || i >= _states.Length)
            throw new ArgumentOutOfRangeException(nameof(cellIndex), cellIndex, $"live shard {Shard} holds cells {_range.FirstCell} to {_range.FirstCell + _range.CellCount - 1}");
        return i;
    }

    /// <summary>Feeds completed cycles and shorts into the shard's histograms.</summary>
    private sealed class AggregateObserver(LiveAggregates aggregates, bool deliveredOnDischarge) : ICursorObserver
    {
        public LiveAggregates Aggregates { get; set; } = aggregates;
        public int Cell { get; set; }
        public void CycleCompleted(CycleRecord cycle)
        {
            Aggregates.AddCycle(cycle, deliveredOnDischarge);
            Telemetry.TwinTelemetry.CycleFinished(cycle.CoulombicEfficiency, deliveredOnDischarge ? cycle.Discharge_mAh_cm2 : cycle.Charge_mAh_cm2);
        }

        public void EventOccurred(CellEvent cellEvent)
        {
            if (cellEvent.Kind != CellEventKind.Short) return;
            Aggregates.ShortTime_h.Add(cellEvent.Time_s / 3600.0);
            Telemetry.TwinTelemetry.Shorts.Add(1);
        }
    }
}
