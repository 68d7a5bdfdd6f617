using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DapCu.Twin.Scenarios.Metrics;

namespace DapCu.Twin.Scenarios.Output;

/// <summary>
/// summary.json: the machine-readable result of a run. Keys keep insertion order and numbers are written
/// the same way every time, so the same scenario and seed give the same bytes. Non-finite numbers are null.
/// No wall-clock time goes in here (that is run.log's job).
/// </summary>
public sealed class SummaryDocument
{
    public const string FileName = "summary.json";

    public JsonObject Root { get; } = new();

    public static SummaryDocument ForScenario(ScenarioResult result, string fingerprint)
    {
        var doc = new SummaryDocument();
        var s = result.Scenario;
        doc.Root["scenario"] = s.Name;
        doc.Root["description"] = s.Description;
        doc.Root["source"] = Path.GetFileName(s.SourcePath);
        doc.Root["fingerprint"] = fingerprint;
        doc.Root["seed"] = s.Seed;

        var variants = new JsonArray();
        foreach (var v in result.Variants)
        {
            var metrics = new JsonObject();
            foreach (var (name, (_, compute)) in RunMetrics.All) metrics[name] = Number(compute(v.Result));
            variants.Add(new JsonObject
            {
                ["label"] = v.Cell.Label,
                ["ended_early"] = v.Result.EndedEarly,
                ["end_reason"] = v.Result.EndReason ?? Protocols.Running.EndReasons.ProtocolComplete,
                ["end_detail"] = Protocols.Running.EndReasons.Describe(v.Result.EndReason),
                ["last_cycle"] = v.Result.Cycles.Count > 0 ? v.Result.Cycles[^1].Cycle : 0,
                ["metrics"] = metrics,
                ["events"] = EventCounts(v.Result),
            });
        }
        doc.Root["variants"] = variants;

        var targets = new JsonArray();
        foreach (var t in result.Targets)
            targets.Add(new JsonObject
            {
                ["id"] = t.Id,
                ["description"] = t.Description,
                ["paper_figure"] = t.PaperFigure,
                ["band"] = t.Band,
                ["value"] = Number(t.Value),
                ["passed"] = t.Passed,
                ["detail"] = t.Detail,
            });
        doc.Root["targets"] = targets;
        doc.Root["targets_passed"] = result.Targets.Count(t => t.Passed);
        doc.Root["targets_failed"] = result.Targets.Count(t => !t.Passed);
        return doc;
    }

    public static JsonNode? Number(double? value) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    public void Write(string path)
    {
        var json = Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n" });
        File.WriteAllText(path, json + "\n", new UTF8Encoding(false));
    }

    private static JsonObject EventCounts(Physics.Results.RunResult run)
    {
        var counts = new JsonObject();
        foreach (var group in run.Events.GroupBy(e => e.Kind).OrderBy(g => g.Key))
            counts[group.Key.ToString()] = group.Count();
        return counts;
    }
}
