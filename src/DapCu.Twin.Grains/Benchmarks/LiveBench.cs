using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Grains.Live;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Protocols.Running.Cursor;
using Microsoft.Extensions.DependencyInjection;

namespace DapCu.Twin.Grains.Benchmarks;

/// <summary>
/// <c>dapcu bench --live</c>: how many live cells this box holds with every shard brought to its clock's present
/// and counted at least once per wall second, at what memory per cell and CPU share (CellGrains at 1 Hz:
/// <see cref="CellGrainBench"/>). Figures are printed, never asserted.
/// </summary>
public static class LiveBench
{
    /// <summary>Li/DAP-Cu | LFP at 1 C, no spread (one shared model): the cells differ by their seeded dead-Li draws.</summary>
    public const string ScenarioYaml = """
        name: bench-live
        seed: 42
        cells:
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
        protocol: |
          Repeat 1000 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        fleet: { cells: 1, seed: 7 }
        """;

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The box's 1/5/15-minute load average: on a shared machine the figures are floors.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static async Task RunAsync(IReadOnlyList<int> fleetSizes, double scale, TimeSpan window, TextWriter o, CancellationToken ct)
    {
        var stateBytes = Unsafe.SizeOf<CellState>() + Unsafe.SizeOf<ProtocolPosition>() + sizeof(bool) + sizeof(double) + Unsafe.SizeOf<CellTally>();
        o.WriteLine(Inv($"live cells: per cell in RAM {Unsafe.SizeOf<CellState>()} B model state + {Unsafe.SizeOf<ProtocolPosition>()} B protocol position + 1 B flag + 8 B next-due time + {Unsafe.SizeOf<CellTally>()} B tally = {stateBytes} B (shared model, no spread)"));
        o.WriteLine(Inv($"  checkpoint (MessagePack + LZ4) {CheckpointBytesPerCell():F0} B/cell after 20 cycles"));
        await using var silo = await EmbeddedSilo.StartAsync(s => s.Services.Configure<LiveOptions>(x => x.CheckpointInterval = TimeSpan.FromSeconds(30)), ct);
        foreach (var n in fleetSizes)
        {
            var r = await Fleet(silo, n, scale, window, ct);
            o.WriteLine(Inv($"  {n,10:N0} cells at {scale:G}x: every shard caught up and counted each <= {r.MaxAge_s:F2} s (longest catch-up {r.MaxCatchUp_ms:F0} ms), ") +
                        Inv($"CPU {100 * r.CpuShare:F0} % of {Environment.ProcessorCount} cores, heap {r.HeapBytesPerCell:F0} B/cell (with its in-memory checkpoint), {r.CyclesPerSecond:F0} cell-cycles/s completed -> {(r.Held ? "held" : "NOT held")}"));
            o.WriteLine(Inv($"             (start call {r.StartCall.TotalSeconds:F1} s, every cell built and counted {r.Built.TotalSeconds:F1} s; load average {LoadAverage()})"));
            if (!r.Held) break;
        }
    }

    private sealed record FleetFigures(double MaxAge_s, double MaxCatchUp_ms, double CpuShare, double HeapBytesPerCell, double CyclesPerSecond, bool Held,
        TimeSpan StartCall, TimeSpan Built);

    private static async Task<FleetFigures> Fleet(EmbeddedSilo silo, int cells, double scale, TimeSpan window, CancellationToken ct)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap0 = GC.GetTotalMemory(true);
        var fleet = silo.Grains.GetGrain<ILiveFleetGrain>($"bench-live-{cells}");
        var started = Stopwatch.StartNew();
        await fleet.Start(new LiveFleetSetup(ScenarioYaml, "bench-live.yaml", "DAP", cells, 10_000), LiveClock.WallClock(scale, DateTimeOffset.UtcNow));
        var startCall = started.Elapsed;
        // Shards build their cells on their first tick: measure once every cell is built and counted.
        while ((await fleet.Aggregates()).Cells < cells) await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        var built = started.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // JIT, catch-up from the build
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var cycles0 = (await fleet.Aggregates()).CompletedCycles;
        var clock = Stopwatch.StartNew();
        double maxAge = 0, maxCatchUp = 0;
        var behind = 0;
        while (clock.Elapsed < window)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            var a = await fleet.Aggregates();
            maxAge = Math.Max(maxAge, (DateTimeOffset.UtcNow - a.AsOf).TotalSeconds);
            maxCatchUp = Math.Max(maxCatchUp, a.MaxCatchUp_ms);
            behind += a.ShardsBehind;
        }
        var wall = clock.Elapsed.TotalSeconds;
        var cycles = (await fleet.Aggregates()).CompletedCycles - cycles0;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds / wall / Environment.ProcessorCount;
        var heap = GC.GetTotalMemory(true) - heap0;
        await fleet.StopFleet();
        // Held: no shard ran out of its one-second budget before every cell reached the present, and the
        // aggregates read were never older than a second (+ 0.25 s, the polling period of this bench).
        var held = behind == 0 && maxAge <= 1.0 + 0.25;
        return new FleetFigures(maxAge, maxCatchUp, cpu, (double)heap / cells, cycles / wall, held, startCall, built);
    }

    /// <summary>Bytes per cell of a shard checkpoint after 20 cycles (histograms included).</summary>
    private static double CheckpointBytesPerCell()
    {
        const int n = 2000;
        var cells = new LiveShardCells(new LiveFleetSetup(ScenarioYaml, "bench-live.yaml", "DAP", n, n), new LiveShardRange(0, 0, n), "bench");
        cells.Advance(20 * 2 * 3600, TimeSpan.MaxValue);
        return (double)cells.Snapshot().Write().Length / n;
    }
}
