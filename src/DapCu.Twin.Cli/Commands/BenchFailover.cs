using System.CommandLine;
using System.Globalization;
using DapCu.Twin.Cli.Cluster;

namespace DapCu.Twin.Cli.Commands;

/// <summary>
/// The <c>--failover</c> part of <c>dapcu bench</c>: three <c>dapcu serve</c> silos on a redis-server of their own
/// (Debian package; data under runs/bench-failover), a live fleet at 5,000x, SIGKILL of the silo holding most
/// shards, once per failure-detection profile. Prints seconds from SIGKILL to the silo declared dead and to
/// every cell serving again (recomputation from the last checkpoint included), and cells lost.
/// </summary>
public static class BenchFailover
{
    public static readonly Option<bool> Enabled = new("--failover") { Description = "failover of a live fleet when one of 3 silos on Redis is killed (needs redis-server)" };
    public static readonly Option<int> Cells = new("--failover-cells") { Description = "live fleet size for --failover", DefaultValueFactory = _ => 2000 };

    public static async Task RunAsync(int cells, TextWriter o, CancellationToken ct)
    {
        var dataDir = Path.Combine(Directory.GetCurrentDirectory(), "runs", "bench-failover");
        Directory.CreateDirectory(dataDir);
        o.WriteLine(Inv($"failover: 3 silos on one redis-server, live fleet of {cells} cells (12 cycles, wall clock at {FailoverScenario.TimeScale:F0}x), SIGKILL of the silo with most shards:"));
        foreach (var profile in new[] { "Fast", "Orleans" })
        {
            var plan = new FailoverPlan(FailoverScenario.Yaml, FailoverScenario.Variant, cells, Math.Max(1, cells / 12),
                FailoverScenario.TimeScale, profile, dataDir, SiloProcess.HarnessServeArgs);
            var r = await FailoverDrill.RunAsync(plan, o, ct); // the drill's steps, time-stamped, then the figures
            o.WriteLine(Inv($"  membership {profile}: declared dead {r.KillToDead_s:F2} s, every cell serving {r.KillToServing_s:F2} s after SIGKILL ({r.ShardsOnVictim} of {r.Shards} shards moved), cells lost {r.CellsLost}, cycle tables equal to an uninterrupted run: {cells - r.CellsDifferingFromUninterrupted}/{cells}, cycle counters gone backwards: {r.CompletedCycleRegressions + r.SampledCellRegressions}"));
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
