using System.Net;

namespace DapCu.Twin.Host;

/// <summary>The HTTP side of <c>dapcu serve</c> (configuration section <c>Serve</c>; every key in docs/serve.md).</summary>
public sealed class ServeOptions
{
    public const string Section = "Serve";

    /// <summary>Address the API binds to. Loopback by default; any other needs <see cref="ApiToken"/>.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>HTTP port; 0 lets the OS choose (the bound URL is printed and written to <see cref="UrlsFile"/>).</summary>
    public int HttpPort { get; set; } = 5080;

    /// <summary>Bearer token mutating calls must carry (required when bound beyond loopback).</summary>
    public string? ApiToken { get; set; }

    /// <summary>Whether reads need no token. Default: yes on loopback, no on any other address.</summary>
    public bool? AnonymousReads { get; set; }

    /// <summary>File the bound URL is written to once the server listens (for scripts and tests).</summary>
    public string? UrlsFile { get; set; }

    public bool IsLoopback => Address is "localhost" || (IPAddress.TryParse(Address, out var ip) && IPAddress.IsLoopback(ip));

    public bool ReadsAreAnonymous => AnonymousReads ?? IsLoopback;

    /// <summary>Refuses settings that would expose the API unprotected, naming the key.</summary>
    public void Validate()
    {
        if (HttpPort is < 0 or > 65535) throw new ServeConfigurationException($"Serve:HttpPort: expected a port from 0 to 65535, got {HttpPort}");
        if (Address != "localhost" && Address != "*" && !IPAddress.TryParse(Address, out _))
            throw new ServeConfigurationException($"Serve:Address: expected an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, got '{Address}'");
        if (!IsLoopback && string.IsNullOrWhiteSpace(ApiToken))
            throw new ServeConfigurationException($"Serve:ApiToken: required when the API binds to {Address} (not loopback); " +
                "set it in appsettings.json, as DAPCU_Serve__ApiToken, or bind to 127.0.0.1");
    }
}

/// <summary>A configuration value <c>dapcu serve</c> cannot start with; the message names the key.</summary>
public sealed class ServeConfigurationException(string message) : Exception(message);
