using System.Diagnostics;
using System.Globalization;
using System.Text;
using DapCu.Twin.Scenarios.Fleets;
using DapCu.Twin.Scenarios.Output;
using DapCu.Twin.Scenarios.Sweeps;

namespace DapCu.Twin.Scenarios.Execution;

/// <summary>Where a scenario's run is in its work, for progress bars.</summary>
public readonly record struct RunProgress(string Phase, double Fraction);

/// <summary>How a scenario ended: skipped (already complete), or run with its target tally and, for each
/// variant whose run stopped before its protocol did, a line saying where and why. <paramref name="Note"/> says why
/// --resume did not reuse earlier work (e.g. "parameter file p.yaml changed").</summary>
public sealed record ScenarioOutcome(string Name, string Directory, bool Skipped, int TargetsPassed, int TargetsFailed, string? Note = null)
{
    public IReadOnlyList<string> EndedEarly { get; init; } = [];

    public static IReadOnlyList<string> EndedEarlyLines(IEnumerable<VariantResult> variants) =>
        variants.Where(v => v.Result.EndedEarly)
            .Select(v => $"{v.Cell.Label} ended in cycle {(v.Result.Cycles.Count > 0 ? v.Result.Cycles[^1].Cycle : 0)}: " +
                         Protocols.Running.EndReasons.Describe(v.Result.EndReason))
            .ToList();
}

/// <summary>
/// Runs one scenario end to end into <c>runs/&lt;name&gt;/</c>: the variants, then the sweep and the fleet if the
/// file declares them, then every table, plot and report. Parse errors surface before anything is written;
/// the folder is swapped in only when everything succeeded (see <see cref="RunDirectory"/>).
/// </summary>
public sealed class ScenarioJob(ICellExecutor cells, IFleetExecutor fleets, int parallelism)
{
    public const string ScenarioCopyFile = "scenario.yaml";
    public const string LogFile = "run.log";

    /// <summary>More files to write into the run folder before it is committed (e.g. BDF exports from the
    /// Data layer, which this layer does not reference): (staging folder, variant results).</summary>
    public Action<string, IReadOnlyList<VariantResult>>? ExtraOutputs { get; init; }

    /// <summary>Parses the sweep and fleet nodes and checks their keys against the scenario. Throws
    /// <see cref="ScenarioException"/> with file, line and column.</summary>
    public static (SweepSpec? Sweep, FleetSpec? Fleet) Validate(Scenario scenario)
    {
        Loading.Plausibility.Check(scenario);
        var sweep = scenario.SweepNode is { } s ? SweepSpec.Parse(s, scenario.SourcePath) : null;
        sweep?.Validate(scenario);
        if (sweep is not null) CheckSweepPlausible(scenario, sweep);
        var fleet = scenario.FleetNode is { } f ? FleetSpec.Parse(f, scenario.SourcePath, scenario.Seed) : null;
        if (fleet is not null)
            foreach (var spread in fleet.Spreads)
            foreach (var cell in scenario.Cells)
            {
                try { ScenarioOverrides.Apply(scenario, spread.Key, ScenarioValues.Get(scenario, cell.Label, spread.Key)); }
                catch (Exception e) when (e is ArgumentException or Physics.Design.CellDesignException)
                {
                    throw new Yaml.YamlNodeReader(scenario.SourcePath).Error(spread.KeyNode, $"a parameter that can be spread ({e.Message})");
                }
            }
        return (sweep, fleet);
    }

    /// <summary>Every sweep point must give cells as plausible as the scenario's own (a swept current of 1e308 mA/cm2
    /// is as absurd as a written one); the error points at the swept key.</summary>
    private static void CheckSweepPlausible(Scenario scenario, SweepSpec sweep)
    {
        foreach (var point in sweep.Points())
        {
            try { Loading.Plausibility.Check(point.Overrides.Aggregate(scenario, (s, o) => ScenarioOverrides.Apply(s, o.Key, o.Value))); }
            catch (ScenarioException e)
            {
                var values = string.Join(", ", point.Overrides.Select(o => $"{o.Key} = {o.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
                throw new Yaml.YamlNodeReader(scenario.SourcePath).Error(sweep.Axes[0].KeyNode, $"sweep values giving {e.Expected}", values);
            }
        }
    }

    /// <summary>Identity of the scenario as run: its resolved inputs (see <see cref="RunFingerprint"/>).</summary>
    public static string Fingerprint(Scenario scenario) => RunFingerprint.Of(scenario).Value;

    /// <summary>Files every committed run folder has; a folder missing one is never committed.</summary>
    public static readonly string[] RequiredFiles = [SummaryDocument.FileName, MarkdownReport.FileName, ScenarioCopyFile, RunFingerprint.FileName];

    /// <summary>True when runs/&lt;name&gt;/ holds a complete run of exactly these inputs.</summary>
    public static bool IsComplete(string outputRoot, Scenario scenario) => StaleReason(outputRoot, scenario, RunFingerprint.Of(scenario)) is null;

    /// <summary>Why runs/&lt;name&gt;/ cannot be reused (null when it can).</summary>
    private static string? StaleReason(string outputRoot, Scenario scenario, RunFingerprint now)
    {
        var folder = Path.Combine(outputRoot, scenario.Name);
        if (!RunDirectory.IsComplete(outputRoot, scenario.Name, SummaryDocument.FileName)) return "no complete earlier run";
        var missing = RequiredFiles.FirstOrDefault(f => !File.Exists(Path.Combine(folder, f)));
        if (missing is not null) return $"the earlier run has no {missing}";
        var changes = now.Changes(RunFingerprint.Read(Path.Combine(folder, RunFingerprint.FileName)));
        return changes.Count == 0 ? null : "changed since the earlier run: " + string.Join(", ", changes);
    }

    public async Task<ScenarioOutcome> RunAsync(Scenario scenario, string outputRoot, bool resume,
        IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var (sweepSpec, fleetSpec) = Validate(scenario);
        using var activity = Telemetry.TwinActivities.Source.StartActivity("dapcu.scenario.run");
        activity?.SetTag("dapcu.scenario", scenario.Name);
        using var writer = OutputLock.Acquire(outputRoot, scenario.Name);
        var fingerprint = RunFingerprint.Of(scenario);
        string? note = null;
        if (resume)
        {
            var stale = StaleReason(outputRoot, scenario, fingerprint);
            if (stale is null) return new ScenarioOutcome(scenario.Name, Path.Combine(outputRoot, scenario.Name), Skipped: true, 0, 0);
            if (Directory.Exists(Path.Combine(outputRoot, scenario.Name)) && stale.StartsWith("changed", StringComparison.Ordinal)) note = stale + "; rerun";
        }

        // Partial work (sweep points) from an interrupted run is kept only if it was made from the same inputs.
        var staging = Path.Combine(outputRoot, "." + scenario.Name + ".partial");
        bool keep = resume;
        if (resume && Directory.Exists(staging) && new FileInfo(staging).LinkTarget is null)
        {
            var changes = fingerprint.Changes(RunFingerprint.Read(Path.Combine(staging, RunFingerprint.FileName)));
            if (changes.Count > 0)
            {
                keep = false;
                note = "interrupted run's inputs changed (" + string.Join(", ", changes) + "); its partial work discarded, rerun";
            }
        }
        var run = RunDirectory.Begin(outputRoot, scenario.Name, keepPartialWork: keep);
        fingerprint.Write(run.File(RunFingerprint.FileName));
        var log = new StringBuilder();
        var clock = Stopwatch.StartNew();
        void Log(string what) => log.Append(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:O} +{clock.Elapsed.TotalSeconds:F1}s {what}\n");
        Log($"run {scenario.Name} from {scenario.SourcePath}");
        try
        {
            progress?.Report(new RunProgress("variants", 0));
            var variants = await RunVariantsAsync(scenario, progress, ct);
            var result = new ScenarioResult(scenario, variants, EvaluateTargets(scenario, variants));
            Log("variants done");

            var runs = variants.Select(v => new LabelledRun(v.Cell.Label, v.Result)).ToArray();
            RunTables.WriteAll(run.StagingPath, runs);
            var plots = RunPlots.WriteAll(run.StagingPath, runs);
            var summary = SummaryDocument.ForScenario(result, fingerprint.Value);
            var report = MarkdownReport.ForScenario(result).Figures("Figures", plots);
            File.WriteAllText(run.File(ScenarioCopyFile), ScenarioSource.Text(scenario), new UTF8Encoding(false));
            ExtraOutputs?.Invoke(run.StagingPath, variants);

            if (sweepSpec is not null)
            {
                var sweepProgress = new Progress<double>(f => progress?.Report(new RunProgress("sweep", f)));
                var sweep = await SweepRunner.RunAsync(scenario, sweepSpec, cells, Path.Combine(run.StagingPath, "sweep_points"),
                    parallelism, sweepProgress, ct);
                SweepOutput.Write(run.StagingPath, sweep, report, summary);
                Directory.Delete(Path.Combine(run.StagingPath, "sweep_points"), recursive: true);
                Log("sweep done");
            }

            if (fleetSpec is not null)
            {
                var fleetResults = new List<FleetVariant>();
                var shards = Path.Combine(run.StagingPath, "fleet_shards");
                Directory.CreateDirectory(shards);
                for (int variant = 0; variant < variants.Count; variant++)
                {
                    var v = variants[variant];
                    var bins = FleetBins.For(CellJob.ProtocolOf(scenario, v.Cell), v.Result);
                    var statistics = await RunFleetInShardsAsync(new FleetJob(scenario, v.Cell.Label, fleetSpec, bins),
                        Path.Combine(shards, $"variant{variant}"), progress, Log, ct);
                    fleetResults.Add(new FleetVariant(v.Cell.Label, statistics));
                    Log($"fleet {v.Cell.Label} done ({fleetSpec.Cells} cells)");
                }
                FleetOutput.Write(run.StagingPath, fleetSpec, fleetResults, report, summary);
                Directory.Delete(shards, recursive: true);
            }

            summary.Write(run.File(SummaryDocument.FileName));
            report.Write(run.File(MarkdownReport.FileName));
            Log("complete");
            File.WriteAllText(run.File(LogFile), log.ToString(), new UTF8Encoding(false));
            var missing = RequiredFiles.Where(f => !File.Exists(run.File(f))).ToArray();
            if (missing.Length > 0) throw new IOException($"{run.StagingPath}: {string.Join(", ", missing)} missing after writing; not committed");
            run.Commit();
            return new ScenarioOutcome(scenario.Name, run.FinalPath, Skipped: false,
                result.Targets.Count(t => t.Passed), result.Targets.Count(t => !t.Passed), note)
            {
                EndedEarly = ScenarioOutcome.EndedEarlyLines(variants),
            };
        }
        catch (OperationCanceledException)
        {
            run.MarkIncomplete($"interrupted after {clock.Elapsed.TotalSeconds:F0} s");
            throw;
        }
        catch (Exception e)
        {
            run.MarkIncomplete("failed: " + e.Message);
            throw;
        }
    }

    /// <summary>Cells per checkpointed fleet shard: at least 10,000, at most 100 shards per fleet.</summary>
    public static int FleetShardCells(int cells) => Math.Max(10_000, (cells + 99) / 100);

    /// <summary>
    /// Runs a variant's fleet one shard of <see cref="FleetShardCells"/> after another, each checkpointed under
    /// <paramref name="checkpoints"/> (inside the partial folder, whose fingerprint guards it), so an interrupted
    /// fleet resumes from its last finished shard. Only one shard's statistics are alive at a time.
    /// </summary>
    private async Task<FleetStatistics> RunFleetInShardsAsync(FleetJob job, string checkpoints, IProgress<RunProgress>? progress,
        Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(checkpoints);
        int cells = job.Spec.Cells, size = FleetShardCells(cells);
        var total = new FleetStatistics(job.Bins);
        for (int first = 0; first < cells; first += size)
        {
            int start = first, count = Math.Min(size, cells - first);
            var file = Path.Combine(checkpoints, $"cells-{start:D8}.json");
            var part = FleetCheckpoint.TryRead(file, job.Bins);
            if (part is null || part.Cells != count)
            {
                var shardProgress = new Progress<double>(f => progress?.Report(new RunProgress($"fleet {job.Variant}", (start + f * count) / cells)));
                part = await fleets.RunAsync(job with { FirstCell = start, Count = count }, shardProgress, ct);
                FleetCheckpoint.Write(file, part);
            }
            else log($"fleet {job.Variant}: cells {start}..{start + count - 1} reused from a checkpoint");
            total.Merge(part);
            progress?.Report(new RunProgress($"fleet {job.Variant}", (double)(start + count) / cells));
        }
        return total;
    }

    /// <summary>The paper rows, checked on runs made anywhere (the grains return results, not models).</summary>
    public static IReadOnlyList<TargetOutcome> EvaluateTargets(Scenario scenario, IReadOnlyList<VariantResult> variants)
    {
        var runs = variants.ToDictionary(v => v.Cell.Label,
            v => new CellRun(v.Cell, new Physics.Cell.CellModel(v.Cell.Design, v.Cell.Parameters), v.Result), StringComparer.OrdinalIgnoreCase);
        return scenario.Targets.Select(t => TargetEvaluator.Evaluate(t, runs)).ToList();
    }

    private async Task<IReadOnlyList<VariantResult>> RunVariantsAsync(Scenario scenario, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        int done = 0;
        var tasks = scenario.Cells.Select(async cell =>
        {
            var result = await cells.RunAsync(CellJob.Nominal(scenario, cell.Label), ct);
            progress?.Report(new RunProgress("variants", (double)Interlocked.Increment(ref done) / scenario.Cells.Count));
            return new VariantResult(cell, result);
        });
        return await Task.WhenAll(tasks);
    }
}
