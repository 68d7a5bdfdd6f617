using System.Text.Json;
using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Grains.Hosting.Cluster;
using DapCu.Twin.Grains.Live;
using DapCu.Twin.Host;
using Orleans.Hosting.Kubernetes;

namespace DapCu.Twin.Cluster.Tests;

/// <summary>deploy/: every manifest parses, and every setting it gives the dapcu container is one the code reads.</summary>
public class DeployFilesTests
{
    /// <summary>Configuration keys dapcu serve binds (section → options class).</summary>
    private static readonly HashSet<string> ConfigurationKeysRead = new(
        ConfigurationKeys.Of(ClusterSettings.Section, typeof(ClusterSettings))
            .Concat(ConfigurationKeys.Of(ServeOptions.Section, typeof(ServeOptions)))
            .Concat(ConfigurationKeys.Of(LiveOptions.Section, typeof(LiveOptions))),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>serve reads environment variables plain and with this prefix (TwinHostBuilder), the prefixed winning.</summary>
    private const string EnvironmentPrefix = "DAPCU_";

    private static string KeyOf(string variable) =>
        ConfigurationKeys.FromEnvironmentVariable(variable.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) ? variable[EnvironmentPrefix.Length..] : variable);

    /// <summary>Plain environment variables read by Orleans' Kubernetes hosting (its own public constants).</summary>
    private static readonly HashSet<string> KubernetesVariables =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        KubernetesHostingOptions.ClusterIdEnvironmentVariable,
    ];

    [Fact]
    public void Every_yaml_and_json_file_under_deploy_and_dashboards_parses()
    {
        var yaml = DeployFiles.Manifests(".yaml", ".yml").ToList();
        Assert.Contains(yaml, f => f.EndsWith("compose.yaml"));
        Assert.Contains(yaml, f => f.EndsWith(Path.Combine("kubernetes", "silo.yaml")));
        foreach (var file in yaml)
            Assert.NotEmpty(DeployFiles.LoadYaml(file)); // throws YamlException with line and column on bad YAML

        var dashboards = Path.Combine(RepoPaths.Root, "dashboards");
        foreach (var file in DeployFiles.Manifests(".json").Concat(Directory.EnumerateFiles(dashboards, "*.json")))
            using (JsonDocument.Parse(File.ReadAllText(file))) { }
    }

    [Fact]
    public void Every_setting_the_deploy_files_give_dapcu_is_a_key_the_code_reads()
    {
        var set = DeployFiles.DapcuEnvironment().ToList();
        // The collection itself finds what is there, in every kind of file.
        foreach (var file in new[] { "Dockerfile", "compose.yaml", "silo.yaml" })
            Assert.Contains(set, s => Path.GetFileName(s.File) == file);

        var unread = set.Where(s => !KubernetesVariables.Contains(s.Variable)
                && !ConfigurationKeysRead.Contains(KeyOf(s.Variable)))
            .Select(s => $"{Path.GetRelativePath(RepoPaths.Root, s.File)}: {s.Variable}").Distinct().ToList();
        Assert.True(unread.Count == 0, "set in deploy/ but read by nothing:\n" + string.Join('\n', unread));
    }

    [Fact]
    public void The_key_registry_lists_exactly_keys_the_binder_accepts()
    {
        Assert.Contains("Cluster:Membership:DeathVoteExpirationTimeout", ConfigurationKeysRead);
        Assert.Contains("Cluster:Redis", ConfigurationKeysRead);
        // Each listed key on its own is known to ClusterSettings.Read (a value may be rejected, the key never)…
        foreach (var key in ConfigurationKeysRead)
        {
            var e = Record.Exception(() => ClusterSettings.Read(Config(key, "")));
            Assert.True(e is null || !e.Message.Contains("not found"), $"{key}: {e?.Message}");
        }
        // …while a key it does not list is refused by name.
        var unknown = Assert.Throws<ClusterConfigurationException>(() => ClusterSettings.Read(Config("Cluster:Membership:Prob", "00:00:01")));
        Assert.Contains("Prob", unknown.Message);
    }

    private static Microsoft.Extensions.Configuration.IConfiguration Config(string key, string value) =>
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(), [new KeyValuePair<string, string?>(key, value)]).Build();

    [Fact]
    public void Kubernetes_pods_carry_the_Orleans_labels_of_the_service_and_cluster_they_join()
    {
        var pods = DeployFiles.KubernetesSiloPods().ToList();
        Assert.NotEmpty(pods);
        foreach (var (labels, env) in pods)
        {
            Assert.Equal(env["DAPCU_Cluster__ServiceId"], DeployFiles.Scalar(labels, KubernetesHostingOptions.ServiceIdLabel));
            Assert.Equal(env["DAPCU_Cluster__ClusterId"], DeployFiles.Scalar(labels, KubernetesHostingOptions.ClusterIdLabel));
            Assert.Equal("true", env["DAPCU_Cluster__Kubernetes"]);
        }
    }

    [Fact]
    public void Files_the_deploy_definitions_refer_to_exist()
    {
        var deploy = DeployFiles.Folder;
        foreach (var resource in DeployFiles.LoadYaml(Path.Combine(deploy, "kubernetes", "kustomization.yaml"))
                     .Select(d => DeployFiles.Child(d.RootNode, "resources")).OfType<YamlDotNet.RepresentationModel.YamlSequenceNode>()
                     .SelectMany(s => s.Children).Cast<YamlDotNet.RepresentationModel.YamlScalarNode>())
            Assert.True(File.Exists(Path.Combine(deploy, "kubernetes", resource.Value!)), $"kustomization.yaml lists missing {resource.Value}");

        // Dockerfile COPY sources are relative to the repository root (the build context).
        foreach (var line in File.ReadLines(Path.Combine(deploy, "Dockerfile")).Where(l => l.StartsWith("COPY ") && !l.Contains("--from")))
            foreach (var source in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
                Assert.True(Path.Exists(Path.Combine(RepoPaths.Root, source)), $"Dockerfile copies missing {source}");

        // Compose bind mounts are relative to deploy/.
        var compose = DeployFiles.LoadYaml(Path.Combine(deploy, "compose.yaml")).Single();
        var services = (YamlDotNet.RepresentationModel.YamlMappingNode)DeployFiles.Child(compose.RootNode, "services")!;
        foreach (var volume in services.Children.Values.Select(s => DeployFiles.Child(s, "volumes"))
                     .OfType<YamlDotNet.RepresentationModel.YamlSequenceNode>().SelectMany(v => v.Children)
                     .Select(v => ((YamlDotNet.RepresentationModel.YamlScalarNode)v).Value!.Split(':')[0]).Where(v => v.StartsWith('.')))
            Assert.True(Path.Exists(Path.Combine(deploy, volume)), $"compose.yaml mounts missing {volume}");
    }
}
