using System.Text;
using System.Text.Json;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Metrics;

namespace DapCu.Twin.Scenarios.Sweeps;

/// <summary>The figures of merit of one variant at one sweep point.</summary>
public sealed record SweepRow(SweepPoint Point, string Variant, IReadOnlyDictionary<string, double> Metrics);

public sealed record SweepResult(SweepSpec Spec, IReadOnlyList<SweepRow> Rows);

/// <summary>
/// Runs every (point, variant) of a sweep through an executor, a few at a time. Each finished point is
/// checkpointed in <c>checkpointDirectory</c>, so a resumed run only computes the points still missing.
/// </summary>
public static class SweepRunner
{
    private static readonly JsonSerializerOptions CheckpointJson = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<SweepResult> RunAsync(Scenario scenario, SweepSpec spec, ICellExecutor executor,
        string checkpointDirectory, int parallelism, IProgress<double>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(checkpointDirectory);
        var points = spec.Points();
        var variants = scenario.Cells.Select(c => c.Label).ToArray();
        var results = new IReadOnlyList<SweepRow>[points.Count];
        int done = 0;

        await Parallel.ForEachAsync(points, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (point, token) =>
            {
                using var activity = Telemetry.TwinActivities.Source.StartActivity("dapcu.sweep.point");
                activity?.SetTag("dapcu.sweep.point", point.Index);
                var file = Path.Combine(checkpointDirectory, $"point-{point.Index:D5}.json");
                var metrics = TryReadCheckpoint(file, variants);
                if (metrics is null)
                {
                    metrics = new Dictionary<string, Dictionary<string, double>>();
                    var overrides = point.Overrides.Select(o => new ParameterOverride(o.Key, o.Value)).ToArray();
                    foreach (var variant in variants)
                    {
                        var run = await executor.RunAsync(new CellJob(scenario, variant, overrides, scenario.Seed), token);
                        metrics[variant] = RunMetrics.All.ToDictionary(m => m.Key, m => m.Value.Compute(run));
                    }
                    WriteCheckpoint(file, metrics);
                }
                results[point.Index] = variants.Select(v => new SweepRow(point, v, metrics[v])).ToArray();
                progress?.Report((double)Interlocked.Increment(ref done) / points.Count);
            });
        return new SweepResult(spec, results.SelectMany(r => r).ToArray());
    }

    private static Dictionary<string, Dictionary<string, double>>? TryReadCheckpoint(string file, IReadOnlyList<string> variants)
    {
        if (!File.Exists(file)) return null;
        try
        {
            var metrics = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(File.ReadAllText(file), CheckpointJson);
            // A checkpoint from an older metric set or another variant list is recomputed, not trusted.
            return metrics is not null && variants.All(v => metrics.TryGetValue(v, out var m) && RunMetrics.All.Keys.All(m.ContainsKey))
                ? metrics
                : null;
        }
        catch (JsonException) { return null; }
    }

    private static void WriteCheckpoint(string file, Dictionary<string, Dictionary<string, double>> metrics)
    {
        var temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(metrics, CheckpointJson), new UTF8Encoding(false));
        File.Move(temp, file, overwrite: true);
    }
}
