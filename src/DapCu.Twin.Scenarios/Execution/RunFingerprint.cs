using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DapCu.Twin.Scenarios.Execution;

/// <summary>
/// Everything that determines a run's results, hashed: the scenario text, the content of every parameter
/// file it includes, the model's code (the build identity of the physics, protocol and scenario
/// assemblies) and the seed. --resume reuses a finished run, sweep point or fleet shard only under the
/// same fingerprint; <see cref="Changes"/> names what differs so the rerun can say why.
/// </summary>
public sealed record RunFingerprint(string Scenario, IReadOnlyDictionary<string, string> Files, string Model, int Seed)
{
    public const string FileName = "fingerprint.json";

    public string Value => Hash(Encoding.UTF8.GetBytes(ToJson().ToJsonString()));

    public static RunFingerprint Of(Scenario scenario)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(scenario.SourcePath)) ?? ".";
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in scenario.IncludedFiles)
            files[Path.GetRelativePath(folder, file)] = File.Exists(file) ? Hash(File.ReadAllBytes(file)) : "missing";
        return new RunFingerprint(Hash(Encoding.UTF8.GetBytes(ScenarioSource.Text(scenario))), files, ModelVersion, scenario.Seed);
    }

    /// <summary>The build identity of the code that computes results: deterministic builds give the same
    /// module id for the same source, a new one for any change.</summary>
    public static string ModelVersion { get; } = string.Join("+",
        new[] { typeof(Physics.Cell.CellModel), typeof(Protocols.Model.Protocol), typeof(RunFingerprint) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12]));

    public JsonObject ToJson() => new()
    {
        ["scenario_sha256"] = Scenario,
        ["parameter_files_sha256"] = new JsonObject(Files.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
        ["model_version"] = Model,
        ["seed"] = Seed,
    };

    public void Write(string path) => File.WriteAllText(path, ToJson().ToJsonString(), new UTF8Encoding(false));

    /// <summary>The fingerprint stored in a run or partial folder; null when absent or unreadable.</summary>
    public static RunFingerprint? Read(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length > 1_000_000) return null;
        try
        {
            var j = JsonNode.Parse(File.ReadAllText(path))!;
            var files = j["parameter_files_sha256"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
            return new RunFingerprint(j["scenario_sha256"]!.GetValue<string>(), files, j["model_version"]!.GetValue<string>(), j["seed"]!.GetValue<int>());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>What differs from an earlier fingerprint, in words ("the scenario text, parameter file p.yaml").</summary>
    public IReadOnlyList<string> Changes(RunFingerprint? before)
    {
        if (before is null) return ["no record of the inputs it was run with"];
        var changes = new List<string>();
        if (before.Scenario != Scenario) changes.Add("the scenario text");
        foreach (var file in Files.Keys.Union(before.Files.Keys).Order(StringComparer.Ordinal))
            if (!Files.TryGetValue(file, out var now) || !before.Files.TryGetValue(file, out var then) || now != then)
                changes.Add($"parameter file {file}");
        if (before.Model != Model) changes.Add("the model version");
        if (before.Seed != Seed) changes.Add("the seed");
        return changes;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
