using System.Diagnostics;
using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Grains.Live;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>What to run: a live fleet on a wall clock at a high scale, on <see cref="Silos"/> silos.</summary>
public sealed record FailoverPlan(string ScenarioYaml, string Variant, int Cells, int CellsPerShard, double TimeScale,
    string MembershipProfile, string DataDir, IReadOnlyList<string> ServeArgs, int Silos = 3)
{
    /// <summary>Hang guard for every wait (never a pass/fail figure).</summary>
    public TimeSpan HangGuard { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Kill once this fraction of the fleet's cycles is done.</summary>
    public double KillAtFraction { get; init; } = 0.3;
}

/// <summary>What happened. Times are wall seconds from the SIGKILL.</summary>
public sealed record FailoverReport(
    string Victim,
    int Shards,
    int ShardsOnVictim,
    double KillToDead_s,
    double KillToServing_s,
    int CellsBefore,
    long CyclesDoneAtKill,
    long CyclesTotal,
    int CellsServingAfter,
    int CellsLost,
    IReadOnlyList<string> ShardsStillOnVictim,
    int ShardsOnSurvivorsAfter,
    int CompletedCycleRegressions,
    int SampledCellRegressions,
    int CellsDifferingFromUninterrupted,
    IReadOnlyList<string> Differences,
    int AggregatePolls);

/// <summary>
/// The failover drill: a live fleet on a local cluster, the silo holding most of its shards killed with SIGKILL
/// mid-run. Measures kill → declared dead → every shard answering again (each answer brings its cells to the
/// present from their last checkpoint), watches that no cycle counter goes backwards, lets the fleet finish and
/// compares every cell's cycle table with an uninterrupted run of the same seed computed here by the engine.
/// </summary>
public static class FailoverDrill
{
    public static async Task<FailoverReport> RunAsync(FailoverPlan plan, TextWriter? output, CancellationToken ct)
    {
        var drill = Stopwatch.StartNew();
        var log = output is null ? null : new StampedWriter(output, drill);
        var environment = new Dictionary<string, string>
        {
            ["Cluster:Membership:Profile"] = plan.MembershipProfile,
            // Checkpoints every 2 s: what a shard recomputes after the kill is at most that much wall time of cells.
            ["Live:CheckpointInterval"] = "00:00:02",
        };
        await using var cluster = await LocalCluster.StartAsync(plan.Silos, plan.DataDir, environment, plan.ServeArgs, plan.HangGuard, ct);
        log?.WriteLine($"  {plan.Silos} silos active on redis {cluster.Redis.ConnectionString}");
        var client = cluster.Client;
        var fleetId = "failover";
        var fleet = client.GetGrain<ILiveFleetGrain>(fleetId);
        var started = Stopwatch.StartNew();
        // Created paused and resumed once every shard exists, so building the shards takes no cell time.
        var paused = LiveClock.WallClock(plan.TimeScale, DateTimeOffset.UtcNow) with { Paused = true };
        await fleet.Start(new LiveFleetSetup(plan.ScenarioYaml, "failover.yaml", plan.Variant, plan.Cells, plan.CellsPerShard), paused);
        var info = await fleet.ResumeClock();
        log?.WriteLine($"  fleet of {info.Cells} cells in {info.Shards} shards started in {started.Elapsed.TotalSeconds:F1} s");
        var shardKeys = await fleet.ShardKeys();
        var reference = await Task.Run(() => Uninterrupted(plan), ct);
        var totalCycles = reference.Sum(r => r.Length);

        // Watch the fleet's completed-cycle count from now to the end: it must never go backwards.
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new CycleWatch();
        var watcher = Task.Run(() => watch.RunAsync(fleet, stopWatching.Token), CancellationToken.None);

        await cluster.WaitUntilAsync(() => Task.FromResult(watch.Latest >= plan.KillAtFraction * totalCycles), plan.HangGuard,
            $"{plan.KillAtFraction:P0} of {totalCycles} cycles done", ct);

        var placement = await Placement(client, shardKeys);
        var rows = await cluster.MembersAsync();
        log?.WriteLine($"  placement: {string.Join(", ", placement.GroupBy(p => p.Value).Select(g => $"{rows.FirstOrDefault(r => r.Endpoint == g.Key)?.SiloName ?? g.Key}: {g.Count()}"))}");
        var victim = cluster.Silos.Where(s => !s.HasExited)
            .MaxBy(s => placement.Count(p => p.Value == rows.Where(r => r.SiloName == s.Name).MaxBy(r => r.StartTime)?.Endpoint))!;
        var victimAddress = (await cluster.RowOfAsync(victim))!.Endpoint;
        var onVictim = placement.Where(p => p.Value == victimAddress).Select(p => p.Key).ToList();
        // Cells whose cycle counter is sampled across the kill: the first of every shard on the victim.
        var sampled = new Dictionary<int, int>();
        foreach (var key in onVictim)
        {
            var first = FirstCell(key, plan);
            sampled[first] = (await fleet.Cell(first)).Cycles.Length;
        }
        var cyclesAtKill = watch.Latest;
        log?.WriteLine($"  killing {victim.Name} (pid {victim.Pid}) holding {onVictim.Count} of {shardKeys.Length} shards at {watch.Latest}/{totalCycles} cycles");

        var sinceKill = Stopwatch.StartNew();
        victim.Kill();
        double dead_s = double.NaN, serving_s = double.NaN;
        var deadTask = cluster.WaitUntilAsync(async () =>
        {
            if ((await cluster.RowOfAsync(victim))?.Status != MemberRow.Dead) return false;
            dead_s = sinceKill.Elapsed.TotalSeconds;
            return true;
        }, plan.HangGuard, $"{victim.Name} declared dead", ct);
        int cellsServing = 0;
        await cluster.WaitUntilAsync(async () =>
        {
            using var perRound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var summaries = await Task.WhenAll(shardKeys.Select(k => client.GetGrain<ILiveShardGrain>(k).Summary().WaitAsync(perRound.Token)));
            serving_s = sinceKill.Elapsed.TotalSeconds;
            cellsServing = (int)summaries.Sum(s => s.Cells);
            return true;
        }, plan.HangGuard, "every shard answering after the kill", ct);
        await deadTask;
        log?.WriteLine($"  declared dead after {dead_s:F2} s, every shard serving after {serving_s:F2} s");

        var after = await Placement(client, shardKeys);
        var stillOnVictim = after.Where(p => p.Value == victimAddress).Select(p => p.Key).ToList();
        int sampledRegressions = 0;
        foreach (var (cell, before) in sampled)
            if ((await fleet.Cell(cell)).Cycles.Length < before) sampledRegressions++;

        await cluster.WaitUntilAsync(async () => (await fleet.Info()).Status == LiveFleetStatus.Finished, plan.HangGuard * 2,
            "the fleet to finish", ct);
        await stopWatching.CancelAsync();
        await watcher;
        log?.WriteLine($"  fleet finished; {watch.Polls} aggregate reads, {watch.Regressions} with fewer completed cycles than before");

        var differences = new List<string>();
        var views = await Task.WhenAll(Enumerable.Range(0, plan.Cells).Select(i => fleet.Cell(i)));
        log?.WriteLine($"  read {views.Length} cells' cycle tables");
        for (int i = 0; i < plan.Cells; i++)
        {
            var cycles = views[i].Cycles;
            if (!cycles.SequenceEqual(reference[i]))
                differences.Add($"cell {i}: {cycles.Length} cycles, uninterrupted {reference[i].Length}; first difference at cycle "
                    + (cycles.Zip(reference[i]).TakeWhile(p => p.First == p.Second).Count() + 1));
        }
        await fleet.StopFleet();
        return new FailoverReport(victim.Name, shardKeys.Length, onVictim.Count, dead_s, serving_s, info.Cells, cyclesAtKill, totalCycles, cellsServing,
            info.Cells - cellsServing, stillOnVictim, after.Count(p => p.Value != victimAddress), watch.Regressions, sampledRegressions, differences.Count, differences, watch.Polls);
    }

    /// <summary>Each cell's cycle table from the batch engine, as a fleet member run start to end without interruption.</summary>
    public static CycleRecord[][] Uninterrupted(FailoverPlan plan)
    {
        var scenario = CellEngine.LoadScenario(plan.ScenarioYaml, "failover.yaml");
        var spec = FleetSpec.Parse(scenario.FleetNode ?? throw new InvalidOperationException("the failover scenario needs a fleet: node"),
            "failover.yaml", scenario.Seed);
        var sampler = new FleetSampler(spec, key => ScenarioValues.Get(scenario, plan.Variant, key));
        var tables = new CycleRecord[plan.Cells][];
        Parallel.For(0, plan.Cells, i =>
        {
            var draw = sampler.Draw(i);
            var cell = CellEngine.Build(new CellSetup(plan.ScenarioYaml, "failover.yaml", plan.Variant,
                draw.Overrides.Select(o => new CellOverride(o.Key, o.Value)).ToArray(), draw.Seed));
            tables[i] = cell.RunProtocol(CellEngine.NoTimeSeries, CancellationToken.None).Result.Cycles.ToArray();
        });
        return tables;
    }

    /// <summary>Which silo (address as in the membership table) holds each shard's activation now.</summary>
    private static async Task<Dictionary<string, string>> Placement(IClusterClient client, string[] shardKeys)
    {
        var stats = await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var map = new Dictionary<string, string>();
        foreach (var s in stats)
        {
            var key = s.GrainId.Key.ToString();
            if (key is not null && shardKeys.Contains(key)) map[key] = s.SiloAddress.Endpoint.ToString();
        }
        if (map.Count == 0)
            throw new InvalidOperationException($"no shard among {stats.Length} activations: {string.Join(", ", stats.Take(20).Select(s => s.GrainId + "@" + s.SiloAddress))}");
        return map;
    }

    private static int FirstCell(string shardKey, FailoverPlan plan)
    {
        var index = int.Parse(shardKey[(shardKey.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var shards = (plan.Cells + plan.CellsPerShard - 1) / plan.CellsPerShard;
        return (int)((long)index * plan.Cells / shards);
    }

    /// <summary>Prefixes each line with the drill's elapsed seconds.</summary>
    private sealed class StampedWriter(TextWriter inner, Stopwatch clock) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;
        public override void WriteLine(string? value) => inner.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s]{value}");
    }

    /// <summary>Polls the fleet's completed-cycle count; counts every reading below the highest seen before.</summary>
    private sealed class CycleWatch
    {
        private long _max;
        public long Latest => Interlocked.Read(ref _max);
        public int Regressions { get; private set; }
        public int Polls { get; private set; }

        public async Task RunAsync(ILiveFleetGrain fleet, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var done = (await fleet.Aggregates()).CompletedCycles;
                    Polls++;
                    if (done < Latest) Regressions++;
                    else Interlocked.Exchange(ref _max, done);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Mid-failover the fleet grain or a shard may be unreachable until the dead silo is declared dead.
                }
                try { await Task.Delay(100, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
