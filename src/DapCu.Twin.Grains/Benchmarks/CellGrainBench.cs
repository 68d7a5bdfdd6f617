using System.Diagnostics;
using System.Globalization;
using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Grains.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DapCu.Twin.Grains.Benchmarks;

/// <summary>
/// <c>dapcu bench --live --cell-grains N[,M..]</c>: N individually addressable CellGrains, each configured (activated)
/// and then advanced by one wall second once per wall second for a window. Staleness of a cell at tick k is how
/// long after second k began its advance for that second returned; a count is held when every advance of every
/// tick landed before the next tick was due. Sizes grow in one silo (the grains of the last size stay active, so
/// each size is all of them); a size not held prints the CPU per advance it would need. Figures are printed, never asserted.
/// </summary>
public static class CellGrainBench
{
    /// <summary>Calls in flight at once: enough to keep both cores busy, few enough that a tick's order is kept.</summary>
    private const int InFlight = 512;

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static async Task RunAsync(IReadOnlyList<int> counts, TimeSpan window, TextWriter o, CancellationToken ct)
    {
        await using var silo = await EmbeddedSilo.StartAsync(ct);
        var checkpoint = silo.Host.Services.GetRequiredService<IOptions<LiveOptions>>().Value.CellCheckpointInterval;
        o.WriteLine(Inv($"CellGrains at 1 Hz ({Environment.ProcessorCount} cores, {InFlight} calls in flight, memory storage, checkpoint every {checkpoint.TotalSeconds:F0} s while driven, {window.TotalSeconds:F0} s per size):"));
        var setup = new CellSetup(LiveBench.ScenarioYaml, "bench-live.yaml", "DAP", [], 1);
        // Warm-up on grains of their own (JIT, tiering), so the first size's activation figures are not compile time.
        var warm = Enumerable.Range(0, 2000).Select(i => silo.Grains.GetGrain<ICellGrain>(Inv($"bench-warm-{i}"))).ToArray();
        for (var pass = 0; pass < 3; pass++) await ForAll(warm, (g, i) => g.Configure(setup with { Seed = i }), ct);
        await ForAll(warm, (g, _) => g.Advance(-0.1, 1.0), ct);
        await ForAll(warm, (g, _) => g.Deactivate(checkpointFirst: false), ct);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap0 = GC.GetTotalMemory(true);
        var grains = new List<ICellGrain>();
        foreach (var n in counts.Order())
        {
            var load0 = LoadAverage();
            var added = Enumerable.Range(grains.Count, n - grains.Count).Select(i => silo.Grains.GetGrain<ICellGrain>(Inv($"bench-cell-{i}"))).ToArray();
            // First call activates (with the storage read); Configure then builds the cell and writes its first checkpoint.
            var activate = await Timed(added.Length, () => ForAll(added, (g, _) => g.Time_s(), ct));
            var configure = await Timed(added.Length, () => ForAll(added, (g, i) => g.Configure(setup with { Seed = grains.Count + i }), ct));
            grains.AddRange(added);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var bytesPerGrain = (double)(GC.GetTotalMemory(true) - heap0) / n;
            var r = await Drive(grains.ToArray(), window, ct);
            o.WriteLine(Inv($"  {n,9:N0} CellGrains: activated {activate.PerSecond:F0}/s ({activate.CpuEach_us:F0} us CPU each), configured {configure.PerSecond:F0}/s ({configure.CpuEach_us:F0} us CPU each); {r.AdvancesPerSecond:F0} advances/s of {n:N0}/s wanted; staleness p50 {r.P50_s:F2} s, p99 {r.P99_s:F2} s, max {r.Max_s:F2} s; ") +
                        Inv($"{bytesPerGrain:F0} B/grain (heap, with its stored checkpoint); CPU {100 * r.CpuShare:F0} % of {Environment.ProcessorCount} cores, {r.CpuPerAdvance_us:F1} us CPU per advance; load average {load0} -> {LoadAverage()} -> {(r.Held ? "held" : "NOT held")}"));
            // What 'held' takes: a CPU cost per advance within the cores' budget (all of them idle, or the share this run got).
            if (!r.Held)
                o.WriteLine(Inv($"    {n:N0} advances/s need <= {Environment.ProcessorCount * 1e6 / n:F1} us CPU per advance on {Environment.ProcessorCount} idle cores, <= {r.CpuShare * Environment.ProcessorCount * 1e6 / n:F1} us at the {100 * r.CpuShare:F0} % this process got; measured {r.CpuPerAdvance_us:F1} us"));
        }
        // Bench cells are thrown away: deactivate without the shutdown checkpoint 100,000 dirty grains would write.
        await ForAll(grains.ToArray(), (g, _) => g.Deactivate(checkpointFirst: false), ct);
    }

    private sealed record DriveFigures(double AdvancesPerSecond, double P50_s, double P99_s, double Max_s, double CpuShare, double CpuPerAdvance_us, bool Held);

    /// <summary>Ticks once per wall second: every grain advanced by 1 s of cell time per tick, a late tick started at once.</summary>
    private static async Task<DriveFigures> Drive(ICellGrain[] grains, TimeSpan window, CancellationToken ct)
    {
        await ForAll(grains, (g, _) => g.Advance(-0.1, 1.0), ct); // warm-up tick: JIT, first timers
        var ticks = (int)Math.Ceiling(window.TotalSeconds);
        var staleness = new float[ticks * grains.Length];
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < ticks; k++)
        {
            var due = TimeSpan.FromSeconds(k);
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed, ct);
            await Tick(grains, staleness.AsMemory(k * grains.Length, grains.Length), clock, due, ct);
        }
        var busy = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var wall = Math.Max(busy, ticks); // the last tick's second counts whole
        Array.Sort(staleness);
        var max = staleness[^1];
        return new DriveFigures(staleness.Length / wall, staleness[staleness.Length / 2], staleness[(int)(0.99 * (staleness.Length - 1))], max,
            cpu / wall / Environment.ProcessorCount, cpu / staleness.Length * 1e6, max < 1.0);
    }

    /// <summary>One tick: as <see cref="ForAll"/>, with the lateness of each advance written in its grain's slot
    /// (the workers await the calls themselves: no closure or task per call on the driver's side).</summary>
    private static async Task Tick(ICellGrain[] grains, Memory<float> staleness, Stopwatch clock, TimeSpan due, CancellationToken ct)
    {
        var next = -1;
        var workers = new Task[Math.Min(InFlight, grains.Length)];
        for (var w = 0; w < workers.Length; w++) workers[w] = Worker();
        await Task.WhenAll(workers);

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < grains.Length)
            {
                ct.ThrowIfCancellationRequested();
                await grains[i].Advance(-0.1, 1.0);
                staleness.Span[i] = (float)(clock.Elapsed - due).TotalSeconds;
            }
        }
    }

    private sealed record Rate(double PerSecond, double CpuEach_us);

    /// <summary>Calls per wall second and process CPU per call of one pass over the grains.</summary>
    private static async Task<Rate> Timed(int calls, Func<Task> pass)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await pass();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new Rate(calls / wall, (process.TotalProcessorTime - cpu0).TotalSeconds / calls * 1e6);
    }

    /// <summary>Calls every grain with at most <see cref="InFlight"/> calls outstanding, in the array's order.</summary>
    private static async Task ForAll(ICellGrain[] grains, Func<ICellGrain, int, Task> call, CancellationToken ct)
    {
        var next = -1;
        var workers = new Task[Math.Min(InFlight, grains.Length)];
        for (var w = 0; w < workers.Length; w++) workers[w] = Worker();
        await Task.WhenAll(workers);

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < grains.Length)
            {
                ct.ThrowIfCancellationRequested();
                await call(grains[i], i);
            }
        }
    }

    /// <summary>The 1-minute load average (Linux), the share of the box other processes take, printed next to every figure.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
