using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DapCu.Twin.Host.Tests;

/// <summary>Beyond loopback the API wants its bearer token: mutations always, reads unless configured otherwise.</summary>
public class AuthenticationTests
{
    private const string Token = "test-token-3f9a";

    private static Dictionary<string, string?> Exposed(bool anonymousReads) => new()
    {
        ["Serve:Address"] = "0.0.0.0", ["Serve:ApiToken"] = Token, ["Serve:AnonymousReads"] = anonymousReads ? "true" : "false",
    };

    private static object Body => new { scenarioYaml = Scenario.Yaml, variant = "DAP", paused = true };

    [Fact]
    public async Task On_a_non_loopback_address_an_unauthenticated_mutation_is_refused()
    {
        await using var server = await TestServer.StartAsync(Exposed(anonymousReads: false));
        var refused = await server.Client.PostAsJsonAsync("api/fleets", Body);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("API token", await refused.Content.ReadAsStringAsync());
        // A wrong token is no better.
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "api/fleets") { Content = JsonContent.Create(Body) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.SendAsync(wrong)).StatusCode);
        // Reads were not opened to anonymous callers.
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("api/fleets")).StatusCode);

        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var started = await server.Client.PostAsJsonAsync("api/fleets", Body);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/fleets")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_reads_are_allowed_only_where_configured()
    {
        await using var server = await TestServer.StartAsync(Exposed(anonymousReads: true));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/fleets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.PostAsJsonAsync("api/fleets", Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.DeleteAsync("api/fleets/any")).StatusCode);
    }

    [Fact]
    public void A_non_loopback_binding_without_a_token_does_not_start()
    {
        var builder = TwinHostBuilder.Create([], new Dictionary<string, string?> { ["Serve:Address"] = "0.0.0.0", ["Serve:HttpPort"] = "0" });
        var e = Assert.Throws<ServeConfigurationException>(() => builder.Build());
        Assert.Contains("Serve:ApiToken", e.Message);
    }
}
