using DapCu.Twin.Grains.Live;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Running.Cursor;
using MessagePack;

namespace DapCu.Twin.Grains.Tests;

/// <summary>A shard's counts by state come from a per-cell tally; they must equal a count over the cells' own states.</summary>
public class LiveShardCountTests
{
    private static LiveShardCells Shard(int n) =>
        new(new LiveFleetSetup(TinyScenario.Yaml, "tiny-lfp.yaml", "DAP", n, n), new LiveShardRange(0, 0, n), "count-test");

    [Fact]
    public void Counts_after_a_restore_follow_the_restored_states()
    {
        var cells = Shard(4);
        var start = ProtocolPosition.Start;
        cells.Restore(new LiveShardSnapshot
        {
            FirstCell = 0,
            States = [new CellState { Time_s = 5 }, new CellState { Time_s = 7, Shorted = true }, new CellState { Time_s = 9 }, new CellState { Time_s = 11 }],
            Positions =
            [
                start,
                start with { Current_mA_cm2 = 1 },
                start with { Current_mA_cm2 = -1, SeenEvents = 1 << (int)CellEventKind.LiExhausted, Stopped = StopReason.LiExhausted },
                start with { Finished = true },
            ],
            Promoted = [false, false, false, true],
        });
        var a = cells.Aggregates(DateTimeOffset.UnixEpoch);
        Assert.Equal((4L, 1L, 2L, 1L), (a.Cells, a.Resting, a.Cycling, a.Finished));
        Assert.Equal((1L, 1L, 1L, 1L), (a.Shorted, a.LiExhausted, a.EndedEarly, a.Promoted));
        Assert.Equal((5.0, 9.0), (a.MinCellTime_s, a.MaxCellTime_s)); // the promoted cell is its own grain's now
    }

    [Fact]
    public void Counts_after_advancing_and_a_promotion_equal_a_count_over_the_cells_states()
    {
        const int n = 6;
        var cells = Shard(n);
        cells.Advance(3 * 3600.0, TimeSpan.FromMinutes(5));
        cells.Release(2);
        var a = cells.Aggregates(DateTimeOffset.UnixEpoch);
        var states = Enumerable.Range(0, n).Select(i => cells.Export(i)).ToArray();
        var positions = states.Select(c => MessagePackSerializer.Deserialize<ProtocolPosition>(c.Position)).ToArray();
        Assert.Equal(n, (int)a.Cells);
        Assert.Equal(1L, a.Promoted);
        Assert.Equal((long)positions.Count(p => p.Finished), a.Finished);
        Assert.Equal((long)positions.Count(p => !p.Finished && p.Current_mA_cm2 != 0), a.Cycling);
        Assert.Equal((long)positions.Count(p => !p.Finished && p.Current_mA_cm2 == 0), a.Resting);
        var times = states.Where((_, i) => i != 2).Select(c => MessagePackSerializer.Deserialize<CellState>(c.State).Time_s).ToArray();
        Assert.Equal(times.Max(), a.MaxCellTime_s);
        Assert.True(a.MaxCellTime_s > 0, "the cells advanced");
    }
}
