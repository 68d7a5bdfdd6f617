using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Cli.Cluster;

namespace DapCu.Twin.Cluster.Tests;

/// <summary>Orleans' Redis providers as the Cluster section selects them: membership rows and grain state land
/// in the test's own redis-server and a cell continues on a silo that never saw it.</summary>
public class RedisStorageTests
{
    private const string Yaml = """
        name: drive
        seed: 42
        cells:
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
        protocol: |
          Discharge at 1C until 2.5 V
        """;

    private static readonly (double Current_mA_cm2, double Duration_s)[] Steps =
        [(-1.0, 1800.0), (-1.0, 600.0), (0.0, 300.0), (1.0, 900.0), (1.0, 900.0), (0.0, 120.0)];

    [Fact]
    public async Task A_cell_driven_on_one_silo_continues_on_the_next_exactly_as_an_uninterrupted_cell()
    {
        using var redis = LocalRedis.Start(RepoPaths.Scratch("storage"));
        var setup = new CellSetup(Yaml, "drive.yaml", "DAP", [], 42);
        var interrupted = new List<TerminalReading>();

        await using (var first = await RedisSilo.StartAsync(redis, "storage-test", "first"))
        {
            var cell = first.Grains.GetGrain<ICellGrain>("moved");
            await cell.Configure(setup);
            foreach (var (i, s) in Steps[..3]) interrupted.Add(await cell.Advance(i, s));

            // The silo's membership row is in Redis under {ServiceId}/members/{ClusterId}, active, with its name.
            using var client = redis.Connect();
            var rows = await ClusterMembership.ReadAsync(client.GetDatabase(), "storage-test", "storage-test");
            var row = Assert.Single(rows);
            Assert.Equal((MemberRow.Active, "first"), (row.Status, row.SiloName));
            Assert.Equal($"127.0.0.1:{first.Settings.SiloPort}", row.Endpoint);
        }

        await using var second = await RedisSilo.StartAsync(redis, "storage-test", "second");
        using (var client = redis.Connect())
        {
            // The first silo left gracefully: its row says Dead, the second's Active.
            var rows = await ClusterMembership.ReadAsync(client.GetDatabase(), "storage-test", "storage-test");
            Assert.Equal([("first", MemberRow.Dead), ("second", MemberRow.Active)], rows.OrderBy(r => r.SiloName).Select(r => (r.SiloName, r.Status)));
        }
        var moved = second.Grains.GetGrain<ICellGrain>("moved");
        foreach (var (i, s) in Steps[3..]) interrupted.Add(await moved.Advance(i, s));

        var fresh = second.Grains.GetGrain<ICellGrain>("uninterrupted");
        await fresh.Configure(setup);
        var uninterrupted = new List<TerminalReading>();
        foreach (var (i, s) in Steps) uninterrupted.Add(await fresh.Advance(i, s));

        Assert.Equal(Steps.Sum(s => s.Duration_s), await moved.Time_s());
        Assert.Equal(uninterrupted, interrupted);
    }
}
