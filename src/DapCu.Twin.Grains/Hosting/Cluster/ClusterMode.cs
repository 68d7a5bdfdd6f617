namespace DapCu.Twin.Grains.Hosting.Cluster;

/// <summary>Where a silo finds its peers and keeps grain state.</summary>
public enum ClusterMode
{
    /// <summary>One silo, localhost clustering, in-memory storage and reminders: nothing outside the process.</summary>
    Embedded,

    /// <summary>Any number of silos on one Redis: Orleans' Redis membership, grain storage and reminders.</summary>
    Redis,
}
