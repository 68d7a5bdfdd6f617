using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Grains.Tests;

/// <summary>A CellGrain writes its state on a checkpoint policy, not on every call, and continues after reactivation.</summary>
[Collection(ClusterCollection.Name)]
public class CellGrainCheckpointTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    private async Task<ICellGrain> Configured(string key)
    {
        var grain = Grains.GetGrain<ICellGrain>(key);
        await grain.Configure(new CellSetup(TinyScenario.Yaml, "tiny-lfp.yaml", "DAP", [], TinyScenario.Load().Seed));
        return grain;
    }

    [Fact]
    public async Task Driving_a_cell_does_not_write_its_state_on_every_call()
    {
        var grain = await Configured("checkpoint/no-write-per-call");
        for (var i = 0; i < 20; i++) await grain.Advance(-0.5, 60);
        Assert.Equal(1200.0, await grain.Time_s(), 9);
        // Lost without a checkpoint (as if its silo died): back to the state written at Configure.
        await grain.Deactivate(checkpointFirst: false);
        Assert.Equal(0.0, await grain.Time_s());
    }

    [Fact]
    public async Task A_cell_deactivated_with_a_checkpoint_continues_where_it_was()
    {
        var reference = await Configured("checkpoint/reference");
        var grain = await Configured("checkpoint/continued");
        for (var i = 0; i < 10; i++)
        {
            await reference.Advance(i % 2 == 0 ? -1.0 : 1.0, 600);
            await grain.Advance(i % 2 == 0 ? -1.0 : 1.0, 600);
            if (i % 3 == 2) await grain.Deactivate(checkpointFirst: true);
        }
        Assert.Equal(6000.0, await grain.Time_s(), 9);
        Assert.Equal((await reference.Export()).State, (await grain.Export()).State);
    }
}
