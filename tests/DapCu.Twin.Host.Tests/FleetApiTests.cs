using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DapCu.Twin.Host.Tests;

/// <summary>The HTTP API of <c>dapcu serve</c> driven as a client would: start, list, show, cell, pause,
/// resume, scale, promote, stop; bad input answered with a message naming the field.</summary>
public class FleetApiTests(LoopbackServerFixture fixture) : IClassFixture<LoopbackServerFixture>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);
    private HttpClient Http => fixture.Server.Client;

    private async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> Get(string path) => await Json(await Http.GetAsync(path), HttpStatusCode.OK);

    private async Task<string> Start(object body) =>
        (await Json(await Http.PostAsJsonAsync("api/fleets", body), HttpStatusCode.Created))["id"]!.GetValue<string>();

    private async Task<JsonNode> Until(string path, Func<JsonNode, bool> condition, string what)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var node = await Get(path);
            if (condition(node)) return node;
            if (guard.IsCancellationRequested) throw new TimeoutException($"hang guard: still waiting for {what}: {node.ToJsonString()[..Math.Min(400, node.ToJsonString().Length)]}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_fleet_started_over_http_runs_to_the_end_and_its_cells_can_be_read()
    {
        var id = await Start(new { scenarioYaml = Scenario.Yaml, variant = "DAP", clock = "accelerated" });
        Assert.Contains(id, (await Get("api/fleets")).AsArray().Select(f => f!["id"]!.GetValue<string>()));

        var done = await Until($"api/fleets/{id}", f => f["fleet"]!["status"]!.GetValue<string>() == "Finished", "the fleet to finish");
        var a = done["aggregates"]!;
        Assert.Equal(8, a["cells"]!.GetValue<long>());
        Assert.Equal(8, a["finished"]!.GetValue<long>());
        var buckets = a["byCycle"]!.AsArray();
        Assert.NotEmpty(buckets);
        // LFP at 1C delivers most of its 1 mAh/cm2 rated capacity in the first cycles (paper: ~140 of 156 mAh/g).
        var first = buckets[0]!["capacity_mAh_cm2"]!["p50"]!.GetValue<double>();
        Assert.InRange(first, 0.6, 1.1);
        // The cells discharge first, so cycle 1 has no CE (nothing of this run was stored); cycle 2's is near 1.
        Assert.InRange(buckets[1]!["ce"]!["p50"]!.GetValue<double>(), 0.9, 1.05);

        var cell = await Get($"api/fleets/{id}/cells/3");
        Assert.Equal("finished", cell["status"]!.GetValue<string>());
        var cycles = cell["cycles"]!.AsArray();
        Assert.Equal(20, cycles.Count);
        Assert.True(cell["recomputedExactly"]!.GetValue<bool>());
        Assert.NotEmpty(cell["curve"]!.AsArray());
        // Li is conserved: the inventory adds up to the anode's N/P x capacity (drawn around 1.2).
        Assert.InRange(cell["inventory"]!["total_mAh_cm2"]!.GetValue<double>(), 0.9, 1.6);

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"api/fleets/{id}")).StatusCode);
        await Json(await Http.GetAsync($"api/fleets/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wall_clock_fleet_pauses_resumes_rescales_and_promotes_a_cell()
    {
        var id = await Start(new { scenarioYaml = Scenario.Yaml, variant = "DAP", cells = 4, clock = "wall", scale = 50_000, paused = true });
        var paused = await Get($"api/fleets/{id}");
        Assert.Equal("Paused", paused["fleet"]!["status"]!.GetValue<string>());
        Assert.Equal(0.0, paused["fleet"]!["cellTime_s"]!.GetValue<double>());

        var resumed = await Json(await Http.PostAsync($"api/fleets/{id}/resume", null), HttpStatusCode.OK);
        Assert.Equal("Running", resumed["status"]!.GetValue<string>());
        await Until($"api/fleets/{id}", f => f["aggregates"]!["completedCycles"]!.GetValue<long>() > 0, "a completed cycle");

        var pausedAgain = await Json(await Http.PostAsync($"api/fleets/{id}/pause", null), HttpStatusCode.OK);
        var standing = pausedAgain["cellTime_s"]!.GetValue<double>();
        Assert.True(standing > 0);
        // Paused, the clock stands: a later read shows the same cell time.
        Assert.Equal(standing, (await Get($"api/fleets/{id}"))["fleet"]!["cellTime_s"]!.GetValue<double>());

        var rescaled = await Json(await Http.PostAsJsonAsync($"api/fleets/{id}/scale", new { clock = "wall", scale = 100 }), HttpStatusCode.OK);
        Assert.Equal(100, rescaled["clock"]!["scale"]!.GetValue<double>());
        Assert.Equal(standing, rescaled["cellTime_s"]!.GetValue<double>()); // re-anchored where it stood

        var promoted = await Json(await Http.PostAsync($"api/fleets/{id}/cells/2/promote", null), HttpStatusCode.OK);
        Assert.Equal($"{id}/cell-2", promoted["grain"]!.GetValue<string>());
        Assert.True((await Get($"api/fleets/{id}/cells/2"))["promoted"]!.GetValue<bool>());

        var accelerated = await Json(await Http.PostAsJsonAsync($"api/fleets/{id}/scale", new { clock = "accelerated" }), HttpStatusCode.OK);
        Assert.Equal("Accelerated", accelerated["clock"]!["mode"]!.GetValue<string>());
        await Http.PostAsync($"api/fleets/{id}/resume", null);
        var done = await Until($"api/fleets/{id}", f => f["fleet"]!["status"]!.GetValue<string>() == "Finished", "the fleet to finish");
        Assert.Equal(1, done["aggregates"]!["promoted"]!.GetValue<long>());
        Assert.Equal(4, done["aggregates"]!["cells"]!.GetValue<long>());
        await Http.DeleteAsync($"api/fleets/{id}");
    }

    [Theory]
    [InlineData("""{"variant":"DAP"}""", "exactly one of scenarioPath")]
    [InlineData("""{"scenarioPath":"/no/such/file.yaml"}""", "no file '/no/such/file.yaml'")]
    [InlineData("""{"scenarioYaml":"name: x\ncells: []\n"}""", "request.yaml")]
    [InlineData("""{"scenarioYaml":"SCENARIO","variant":"DAP","clock":"wall","scale":1e9}""", "scale: expected 1 to 100000")]
    [InlineData("""{"scenarioYaml":"SCENARIO"}""", "variants DAP, PL")]
    [InlineData("""{"scenarioYaml":"SCENARIO","variant":"XX"}""", "no variant 'XX'")]
    [InlineData("""{"scenarioYaml":"SCENARIO","variant":"DAP","clock":"sundial"}""", "clock: expected 'accelerated' or 'wall'")]
    public async Task Bad_start_requests_are_refused_with_what_was_expected(string body, string expected)
    {
        var json = body.Replace("\"SCENARIO\"", JsonValue.Create(Scenario.Yaml).ToJsonString());
        var response = await Http.PostAsync("api/fleets", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var error = (await Json(response, HttpStatusCode.BadRequest))["error"]!.GetValue<string>();
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Reading_an_unknown_fleet_or_cell_says_what_is_missing()
    {
        Assert.Contains("no live fleet 'nope'", (await Json(await Http.GetAsync("api/fleets/nope"), HttpStatusCode.NotFound))["error"]!.GetValue<string>());
        var id = await Start(new { scenarioYaml = Scenario.Yaml, variant = "DAP", paused = true });
        var error = (await Json(await Http.GetAsync($"api/fleets/{id}/cells/99"), HttpStatusCode.BadRequest))["error"]!.GetValue<string>();
        Assert.Contains("cells 0 to 7", error);
        await Http.DeleteAsync($"api/fleets/{id}");
    }

    [Fact]
    public async Task The_openapi_document_lists_every_fleet_operation()
    {
        var doc = await Get("openapi/v1.json");
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToArray();
        foreach (var path in new[] { "/api/fleets", "/api/fleets/{id}", "/api/fleets/{id}/cells/{index}", "/api/fleets/{id}/pause",
                     "/api/fleets/{id}/resume", "/api/fleets/{id}/scale", "/api/fleets/{id}/cells/{index}/promote" })
            Assert.Contains(path, paths);
    }
}
