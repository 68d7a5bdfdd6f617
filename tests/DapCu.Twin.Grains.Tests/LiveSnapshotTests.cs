using DapCu.Twin.Grains.Live;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Protocols.Running.Cursor;

namespace DapCu.Twin.Grains.Tests;

/// <summary>The shard checkpoint format: round trip, and clear refusals of what this build cannot read.</summary>
public class LiveSnapshotTests
{
    private static LiveShardSnapshot Sample() => new()
    {
        FirstCell = 10,
        States = [new CellState { Time_s = 12.5, Rng = 99 }, new CellState { Time_s = 7, Shorted = true }],
        Positions = [ProtocolPosition.Start with { Pc = 3, Cycle = 4 }, ProtocolPosition.Start],
        Promoted = [false, true],
        CompletedCycles = 3,
    };

    [Fact]
    public void A_checkpoint_reads_back_what_was_written()
    {
        var back = LiveShardSnapshot.Read(Sample().Write(), LiveShardSnapshot.CurrentVersion, "f/shard-0");
        Assert.Equal(10, back.FirstCell);
        Assert.Equal(12.5, back.States[0].Time_s);
        Assert.Equal(99UL, back.States[0].Rng);
        Assert.True(back.States[1].Shorted);
        Assert.Equal(3, back.Positions[0].Pc);
        Assert.Equal(4, back.Positions[0].Cycle);
        Assert.Equal([false, true], back.Promoted);
        Assert.Equal(3, back.CompletedCycles);
    }

    [Fact]
    public void A_checkpoint_from_a_newer_schema_is_refused_naming_the_shard_and_versions()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LiveShardSnapshot.Read(Sample().Write(), LiveShardSnapshot.CurrentVersion + 1, "f/shard-3"));
        Assert.Contains("f/shard-3", e.Message);
        Assert.Contains($"schema version {LiveShardSnapshot.CurrentVersion + 1}", e.Message);
    }

    [Fact]
    public void A_damaged_checkpoint_is_refused_with_a_message_not_a_crash()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LiveShardSnapshot.Read([1, 2, 3, 4, 5], LiveShardSnapshot.CurrentVersion, "f/shard-1"));
        Assert.Contains("damaged", e.Message);
    }
}
