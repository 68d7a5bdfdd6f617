namespace DapCu.Twin.Grains.Hosting.Cluster;

/// <summary>A configuration key of the <c>Cluster</c> section holds a value the silo cannot use.</summary>
public sealed class ClusterConfigurationException(string key, string expected, string? found = null)
    : Exception(found is null ? $"configuration {key}: expected {expected}" : $"configuration {key}: expected {expected}, found '{found}'")
{
    /// <summary>The full configuration key (<c>Cluster:Redis</c>), as it is set in appsettings or on the command line.</summary>
    public string Key { get; } = key;
}
