using System.Net;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace DapCu.Twin.Grains.Hosting.Cluster;

/// <summary>
/// How a <c>dapcu serve</c> silo joins a cluster: configuration section <c>Cluster</c> (appsettings, environment
/// <c>Cluster__Mode=Redis</c>, command line <c>--Cluster:Mode=Redis</c>). Every key is documented in deploy/README.md;
/// a key this class does not know is an error, so a typo never silently falls back to a default.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    /// <summary>Embedded (default: one process, nothing external) or Redis.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>StackExchange.Redis configuration string for membership, grain state and reminders
    /// (<c>127.0.0.1:6379</c>, <c>redis:6379,password=…,defaultDatabase=2</c>). Required in Redis mode.</summary>
    public string? Redis { get; set; }

    /// <summary>Orleans service id: grain state and reminders are keyed by it, so it must stay the same across
    /// deployments that share state.</summary>
    public string ServiceId { get; set; } = "dapcu";

    /// <summary>Orleans cluster id: silos with the same one (on the same Redis) form one cluster.</summary>
    public string ClusterId { get; set; } = "dapcu";

    /// <summary>The silo's name in the membership table and logs. Unset: the pod name under Kubernetes, else
    /// Orleans' own (host name based).</summary>
    public string? SiloName { get; set; }

    /// <summary>Silo-to-silo port. Unset: 11111 in Redis mode, a free port in Embedded mode; 0: a free port
    /// chosen when the silo starts (the serve command reports it).</summary>
    public int? SiloPort { get; set; }

    /// <summary>Port for Orleans clients (the HTTP API needs none). Unset (default): no gateway; 0: a free port
    /// chosen when the silo starts.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>IP address or host name peers reach this silo at. Unset: loopback in Embedded mode, the pod IP
    /// under Kubernetes, else the host's first non-loopback address (Orleans' choice).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Address the silo and gateway listen on. Unset: loopback in Embedded mode, any address otherwise.</summary>
    public string? ListenAddress { get; set; }

    /// <summary>Run under Orleans' Kubernetes hosting: silo name and address from the pod, silos of deleted pods
    /// declared dead at once. Clustering stays on Redis.</summary>
    public bool Kubernetes { get; set; }

    /// <summary>Keep the grain directory in Redis as well (default: Orleans' in-cluster directory).</summary>
    public bool RedisGrainDirectory { get; set; }

    /// <summary>Failure detection, section <c>Cluster:Membership</c>.</summary>
    public MembershipSettings Membership { get; set; } = new();

    /// <summary>Reads and checks the section; a bad value or an unknown key throws <see cref="ClusterConfigurationException"/>.</summary>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        var settings = new ClusterSettings();
        try
        {
            configuration.GetSection(Section).Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the type it expected; keep its sentence, without the stack trace.
            throw new ClusterConfigurationException(Section, "keys and values of the Cluster section as documented in deploy/README.md: " + e.Message);
        }
        settings.Validate();
        return settings;
    }

    /// <summary>The Redis connection options; a malformed string is an error naming <c>Cluster:Redis</c>.</summary>
    public ConfigurationOptions RedisOptions()
    {
        if (string.IsNullOrWhiteSpace(Redis))
            throw new ClusterConfigurationException($"{Section}:{nameof(Redis)}", "a Redis address such as 127.0.0.1:6379 (required when Cluster:Mode is Redis)");
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(Redis);
        }
        catch (ArgumentException e)
        {
            throw new ClusterConfigurationException($"{Section}:{nameof(Redis)}", $"a StackExchange.Redis configuration string such as 127.0.0.1:6379 ({e.Message})", Redis);
        }
        if (options.EndPoints.Count == 0)
            throw new ClusterConfigurationException($"{Section}:{nameof(Redis)}", "at least one host:port", Redis);
        // Silos started together with Redis (compose, Kubernetes) keep retrying instead of failing their start.
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>The advertised address as an IP (a host name resolved to its first IPv4 address), or null for Orleans' default.</summary>
    public IPAddress? AdvertisedIp() => Address(AdvertisedAddress, nameof(AdvertisedAddress));

    public IPAddress? ListenIp() => Address(ListenAddress, nameof(ListenAddress));

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceId))
            throw new ClusterConfigurationException($"{Section}:{nameof(ServiceId)}", "a non-empty service id");
        if (string.IsNullOrWhiteSpace(ClusterId))
            throw new ClusterConfigurationException($"{Section}:{nameof(ClusterId)}", "a non-empty cluster id");
        if (SiloPort is < 0 or > 65535)
            throw new ClusterConfigurationException($"{Section}:{nameof(SiloPort)}", "a TCP port 0..65535 (0: a free one)", SiloPort.ToString());
        if (GatewayPort is < 0 or > 65535)
            throw new ClusterConfigurationException($"{Section}:{nameof(GatewayPort)}", "a TCP port 0..65535 (0: a free one)", GatewayPort.ToString());
        if (Mode == ClusterMode.Redis) RedisOptions();
        if (Kubernetes && Mode != ClusterMode.Redis)
            throw new ClusterConfigurationException($"{Section}:{nameof(Kubernetes)}", "true only with Cluster:Mode Redis (Kubernetes hosting does not replace the membership store)");
        if (RedisGrainDirectory && Mode != ClusterMode.Redis)
            throw new ClusterConfigurationException($"{Section}:{nameof(RedisGrainDirectory)}", "true only with Cluster:Mode Redis");
        AdvertisedIp();
        ListenIp();
        Membership.Validate($"{Section}:{nameof(Membership)}");
    }

    private static IPAddress? Address(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (IPAddress.TryParse(text, out var ip)) return ip;
        try
        {
            return Dns.GetHostAddresses(text).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? throw new ClusterConfigurationException($"{Section}:{key}", "an IP address or a host name with an IPv4 address", text);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ClusterConfigurationException($"{Section}:{key}", $"an IP address or a resolvable host name ({e.Message})", text);
        }
    }
}
