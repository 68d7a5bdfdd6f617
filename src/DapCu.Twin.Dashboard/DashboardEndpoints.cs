using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using DapCu.Twin.Dashboard.Live;
using DapCu.Twin.Dashboard.Paper;
using DapCu.Twin.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DapCu.Twin.Dashboard;

/// <summary>The page's own endpoints under /dashboard/: push streams, shipped scenarios, channel faults, paper runs
/// (fleets are started and steered through the server's /api/fleets). Every user error comes back as 400/404 with a message naming the field.</summary>
internal static class DashboardEndpoints
{
    public sealed record FaultRequest(string? Fault);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/dashboard");

        // One SSE stream per open view; the hub sends it one message per interval.
        api.MapGet("/stream/{**topic}", (string topic, ViewHub hub, CancellationToken ct) =>
            DashboardData.IsTopic(topic)
                ? TypedResults.ServerSentEvents(Stream(hub, topic, ct))
                : Results.BadRequest($"unknown topic '{topic}': expected fleets, fleet/<id>, cell/<fleet>/<index> or channels"));

        api.MapGet("/api/scenarios", (DashboardOptions o) => ShippedScenarios.Fleets(o.ScenarioFolder));
        api.MapGet("/api/scenarios/{**file}", (string file, DashboardOptions o) =>
        {
            try { return Results.Text(ShippedScenarios.Read(o.ScenarioFolder, file).Yaml, "text/yaml"); }
            catch (DashboardInputException e) { return Results.NotFound(new { error = e.Message }); }
        });

        api.MapPost("/api/channels/{name}/fault", async (string name, FaultRequest body, ILiveTwin twin, CancellationToken ct) =>
            await Guard(async () => Results.Ok(new { reply = await twin.ChannelFaultAsync(name, body.Fault, ct) })));

        api.MapPost("/api/timing", (ClientTiming timing, ClientTimings timings) => { timings.Report(timing); return Results.NoContent(); });
        api.MapGet("/api/timing/next", async (ClientTimings timings, CancellationToken ct) => Results.Ok(await timings.NextAsync(ct)));

        api.MapGet("/api/paper", (PaperRuns paper) => Results.Json(paper.List(), DashboardJson.Options));
        api.MapPost("/api/paper/{name}/run", async (string name, PaperRuns paper, CancellationToken ct) =>
            await Guard(async () => Results.Json(await paper.RunAsync(name, ct), DashboardJson.Options)));
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(ViewHub hub, string topic, [EnumeratorCancellation] CancellationToken ct)
    {
        using var view = hub.Subscribe(topic);
        await foreach (var message in view.Messages.ReadAllAsync(ct))
            yield return new SseItem<string>(message, "update");
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (DashboardInputException e) { return Results.BadRequest(new { error = e.Message }); }
        catch (ScenarioException e) { return Results.BadRequest(new { error = e.Message }); }
        catch (FileNotFoundException e) { return Results.NotFound(new { error = e.Message }); }
    }
}
