using DapCu.Twin.Grains.Hosting.Cluster;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace DapCu.Twin.Cluster.Tests;

/// <summary>The Cluster section: bad values are errors naming the key; failure-detection profiles land in Orleans' options.</summary>
public class ClusterSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Theory]
    [InlineData("Cluster:Mode", "Redis", "Cluster:Redis")]
    [InlineData("Cluster:SiloPort", "70000", "Cluster:SiloPort")]
    [InlineData("Cluster:Membership:NumMissedProbesLimit", "0", "Cluster:Membership:NumMissedProbesLimit")]
    [InlineData("Cluster:Membership:ProbeTimeout", "-00:00:01", "Cluster:Membership:ProbeTimeout")]
    [InlineData("Cluster:Kubernetes", "true", "Cluster:Kubernetes")]
    [InlineData("Cluster:Mode", "Postgres", "Cluster:Mode")]
    [InlineData("Cluster:Redsi", "127.0.0.1:6379", "Redsi")]
    public void A_bad_cluster_setting_is_an_error_naming_its_key(string key, string value, string named)
    {
        var e = Assert.Throws<ClusterConfigurationException>(() => ClusterSettings.Read(Config((key, value))));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void A_malformed_redis_address_is_an_error_naming_Cluster_Redis()
    {
        var e = Assert.Throws<ClusterConfigurationException>(() =>
            ClusterSettings.Read(Config(("Cluster:Mode", "Redis"), ("Cluster:Redis", "127.0.0.1:6379,nosuchoption=1"))));
        Assert.Equal("Cluster:Redis", e.Key);
    }

    [Fact]
    public void The_fast_profile_detects_faster_than_Orleans_defaults_and_single_settings_override_it()
    {
        var defaults = new ClusterMembershipOptions();
        var fast = new ClusterMembershipOptions();
        ClusterSettings.Read(Config(("Cluster:Mode", "Redis"), ("Cluster:Redis", "127.0.0.1:6379"))).Membership.ApplyTo(fast);
        // Worst case until a vote: missed probes × the longest probe timeout.
        Assert.True(fast.NumMissedProbesLimit * fast.MaxProbeTimeout < defaults.NumMissedProbesLimit * defaults.MaxProbeTimeout);
        Assert.True(fast.ProbeTimeout < defaults.ProbeTimeout);

        var tuned = new ClusterMembershipOptions();
        ClusterSettings.Read(Config(("Cluster:Membership:Profile", "Orleans"), ("Cluster:Membership:NumMissedProbesLimit", "4"),
            ("Cluster:Membership:DeathVoteExpirationTimeout", "00:00:45"))).Membership.ApplyTo(tuned);
        Assert.Equal(defaults.ProbeTimeout, tuned.ProbeTimeout);
        Assert.Equal(4, tuned.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(45), tuned.DeathVoteExpirationTimeout);
    }
}
