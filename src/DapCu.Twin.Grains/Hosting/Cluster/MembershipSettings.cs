using Orleans.Configuration;

namespace DapCu.Twin.Grains.Hosting.Cluster;

/// <summary>Which failure-detection defaults a silo starts from before any single setting below is applied.</summary>
public enum MembershipProfile
{
    /// <summary>Declares a killed silo dead in about 0.7 s on a quiet network (measured with Orleans 10.4.2, 3 silos,
    /// Redis membership): probe every 0.5–2 s (adaptive, initially 1 s) and vote after 2 missed probes.</summary>
    Fast,

    /// <summary>Orleans' own defaults (10.4.2: probe timeout 5 s adaptive between 2.5 and 20 s, 3 missed probes,
    /// 2 votes, votes expire after 2 min): a killed silo is declared dead after about 5–7 s.</summary>
    Orleans,
}

/// <summary>
/// Failure detection (section <c>Cluster:Membership</c>). A silo that misses <see cref="NumMissedProbesLimit"/>
/// probes in a row (each lasting up to the adaptive probe timeout) gets a death vote from its prober;
/// <see cref="NumVotesForDeathDeclaration"/> fresh votes (younger than <see cref="DeathVoteExpirationTimeout"/>) declare it
/// dead, and its grains reactivate on the survivors at their next call. Shorter timeouts fail over faster but risk
/// declaring a silo dead that is only stalled (long GC pause, CPU starved); a silo declared dead stops itself.
/// Every setting left unset keeps the value of <see cref="Profile"/>.
/// </summary>
public sealed class MembershipSettings
{
    public MembershipProfile Profile { get; set; } = MembershipProfile.Fast;

    /// <summary>Initial probe timeout (and period); Orleans adapts it between the min and max below.</summary>
    public TimeSpan? ProbeTimeout { get; set; }
    public TimeSpan? MinProbeTimeout { get; set; }
    public TimeSpan? MaxProbeTimeout { get; set; }

    /// <summary>Probes in a row a silo may miss before its prober votes it dead.</summary>
    public int? NumMissedProbesLimit { get; set; }

    /// <summary>Votes needed to declare a silo dead (capped by Orleans at half the live silos, rounded up).</summary>
    public int? NumVotesForDeathDeclaration { get; set; }

    /// <summary>How old a death vote may be and still count.</summary>
    public TimeSpan? DeathVoteExpirationTimeout { get; set; }

    /// <summary>Silos each silo probes.</summary>
    public int? NumProbedSilos { get; set; }

    /// <summary>How often a silo re-reads the membership table even without news from its peers.</summary>
    public TimeSpan? TableRefreshTimeout { get; set; }

    /// <summary>How often a silo writes its I-am-alive time into the membership table.</summary>
    public TimeSpan? IAmAliveTablePublishTimeout { get; set; }

    /// <summary>The profile's values, then every setting given here, onto Orleans' options.</summary>
    public void ApplyTo(ClusterMembershipOptions o)
    {
        if (Profile == MembershipProfile.Fast)
        {
            // Lab figures (Orleans 10.4.2, 3 silos on Redis): kill → Dead in 0.68–0.71 s with these four.
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.MinProbeTimeout = TimeSpan.FromSeconds(0.5);
            o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            // A vote from a transient miss must not combine with a much later one into a false death.
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            // A stalled silo's own health monitor lengthens its probe timeout instead of voting others dead.
            o.ExtendProbeTimeoutDuringDegradation = true;
        }
        if (ProbeTimeout is { } probe) o.ProbeTimeout = probe;
        if (MinProbeTimeout is { } min) o.MinProbeTimeout = min;
        if (MaxProbeTimeout is { } max) o.MaxProbeTimeout = max;
        if (NumMissedProbesLimit is { } missed) o.NumMissedProbesLimit = missed;
        if (NumVotesForDeathDeclaration is { } votes) o.NumVotesForDeathDeclaration = votes;
        if (DeathVoteExpirationTimeout is { } expiry) o.DeathVoteExpirationTimeout = expiry;
        if (NumProbedSilos is { } probed) o.NumProbedSilos = probed;
        if (TableRefreshTimeout is { } refresh) o.TableRefreshTimeout = refresh;
        if (IAmAliveTablePublishTimeout is { } alive) o.IAmAliveTablePublishTimeout = alive;
    }

    internal void Validate(string section)
    {
        Positive(ProbeTimeout, nameof(ProbeTimeout));
        Positive(MinProbeTimeout, nameof(MinProbeTimeout));
        Positive(MaxProbeTimeout, nameof(MaxProbeTimeout));
        Positive(DeathVoteExpirationTimeout, nameof(DeathVoteExpirationTimeout));
        Positive(TableRefreshTimeout, nameof(TableRefreshTimeout));
        Positive(IAmAliveTablePublishTimeout, nameof(IAmAliveTablePublishTimeout));
        AtLeastOne(NumMissedProbesLimit, nameof(NumMissedProbesLimit));
        AtLeastOne(NumVotesForDeathDeclaration, nameof(NumVotesForDeathDeclaration));
        AtLeastOne(NumProbedSilos, nameof(NumProbedSilos));
        if (MinProbeTimeout > MaxProbeTimeout)
            throw new ClusterConfigurationException($"{section}:{nameof(MinProbeTimeout)}", $"at most {section}:{nameof(MaxProbeTimeout)} ({MaxProbeTimeout})", MinProbeTimeout.ToString());

        void Positive(TimeSpan? value, string name)
        {
            if (value is { } v && v <= TimeSpan.Zero)
                throw new ClusterConfigurationException($"{section}:{name}", "a positive time span such as 00:00:01", v.ToString());
        }
        void AtLeastOne(int? value, string name)
        {
            if (value is < 1)
                throw new ClusterConfigurationException($"{section}:{name}", "an integer of at least 1", value.ToString());
        }
    }
}
