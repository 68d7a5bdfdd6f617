using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Cluster.Tests;

/// <summary>What the files under deploy/ set for the dapcu container: environment variables per file.</summary>
internal static partial class DeployFiles
{
    public static string Folder => Path.Combine(RepoPaths.Root, "deploy");

    public static IEnumerable<string> Manifests(params string[] extensions) =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order();

    public static List<YamlDocument> LoadYaml(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.ToList();
    }

    /// <summary>(file, variable) for each environment variable the dapcu image gets: Dockerfile ENV, the compose
    /// services built from it, the Kubernetes containers running it.</summary>
    public static IEnumerable<(string File, string Variable)> DapcuEnvironment()
    {
        var dockerfile = Path.Combine(Folder, "Dockerfile");
        // Instructions continue over lines ending in a backslash.
        foreach (var line in File.ReadAllText(dockerfile).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            if (EnvLine().Match(line) is { Success: true } m)
                foreach (Match kv in EnvPair().Matches(m.Groups[1].Value))
                    yield return (dockerfile, kv.Groups[1].Value);

        foreach (var file in Manifests(".yaml", ".yml"))
            foreach (var doc in LoadYaml(file))
            {
                if (doc.RootNode is not YamlMappingNode root) continue;
                if (Child(root, "services") is YamlMappingNode services)
                    foreach (var service in services.Children.Values.OfType<YamlMappingNode>().Where(RunsDapcu))
                        foreach (var name in ComposeEnvironment(Child(service, "environment")))
                            yield return (file, name);
                foreach (var container in Containers(root).Where(RunsDapcu))
                    if (Child(container, "env") is YamlSequenceNode env)
                        foreach (var item in env.Children.OfType<YamlMappingNode>())
                            yield return (file, Scalar(item, "name")!);
            }
    }

    /// <summary>Label values of the silo pod template (orleans/serviceId …) and its environment values.</summary>
    public static IEnumerable<(YamlMappingNode Labels, Dictionary<string, string> Environment)> KubernetesSiloPods()
    {
        foreach (var file in Manifests(".yaml", ".yml"))
            foreach (var doc in LoadYaml(file))
                if (doc.RootNode is YamlMappingNode root && Scalar(root, "kind") == "Deployment"
                    && Child(Child(root, "spec"), "template") is YamlMappingNode template
                    && Child(Child(template, "metadata"), "labels") is YamlMappingNode labels)
                {
                    var env = Containers(root).Where(RunsDapcu)
                        .SelectMany(c => (Child(c, "env") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
                        .Where(e => Scalar(e, "value") is not null)
                        .ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value")!);
                    yield return (labels, env);
                }
    }

    private static bool RunsDapcu(YamlMappingNode node) => Scalar(node, "image")?.StartsWith("dapcu-twin", StringComparison.Ordinal) == true;

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode root) =>
        (Child(Child(Child(Child(root, "spec"), "template"), "spec"), "containers") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    /// <summary>Compose environment: a mapping (with YAML merge keys from anchors) or a list of NAME=value.</summary>
    private static IEnumerable<string> ComposeEnvironment(YamlNode? node)
    {
        if (node is YamlSequenceNode list)
            foreach (var item in list.Children.OfType<YamlScalarNode>())
                yield return item.Value!.Split('=', 2)[0];
        if (node is YamlMappingNode map)
            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                if (name == "<<")
                    foreach (var merged in ComposeEnvironment(value)) yield return merged;
                else
                    yield return name;
            }
    }

    /// <summary>A mapping's value for <paramref name="key"/>, also through YAML merge keys (<c>&lt;&lt;: *anchor</c>).</summary>
    public static YamlNode? Child(YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map) return null;
        if (map.Children.TryGetValue(new YamlScalarNode(key), out var child)) return child;
        return map.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) ? Child(merged, key) : null;
    }

    public static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    [GeneratedRegex(@"^\s*ENV\s+(.+)$")]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvPair();
}
