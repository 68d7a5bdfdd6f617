using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using DapCu.Twin.Dashboard.Live;
using DapCu.Twin.Dashboard.Paper;
using DapCu.Twin.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DapCu.Twin.Dashboard;

/// <summary>The page's own endpoints under /dashboard/: push streams, scenario lists, fleet and channel controls,
/// paper runs. Every user error comes back as 400/404 with a message naming the field.</summary>
internal static class DashboardEndpoints
{
    public sealed record StartFleet(string? Scenario, string? Yaml, string? FileName, double? Scale);
    public sealed record Control(double? Scale);
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
        api.MapPost("/api/fleets", async (StartFleet body, ILiveTwin twin, DashboardOptions o, CancellationToken ct) => await Guard(async () =>
        {
            var (yaml, name) = body switch
            {
                { Yaml: { Length: > 0 } y } => (y, body.FileName ?? "uploaded.yaml"),
                { Scenario: { Length: > 0 } s } => ShippedScenarios.Read(o.ScenarioFolder, s),
                _ => throw new DashboardInputException("request body: expected 'scenario' (a shipped scenario file) or 'yaml' (a scenario's text)"),
            };
            return Results.Ok(new { id = await twin.StartFleetAsync(yaml, name, body.Scale, ct) });
        }));
        foreach (var action in Enum.GetValues<FleetControl>())
            api.MapPost($"/api/fleets/{{id}}/{action.ToString().ToLowerInvariant()}", async (string id, Control? body, ILiveTwin twin, CancellationToken ct) =>
                await Guard(async () =>
                {
                    if (action == FleetControl.Scale && body?.Scale is not > 0)
                        throw new DashboardInputException("scale: expected a positive time-scale factor (1 to 100000)");
                    await twin.ControlAsync(id, action, body?.Scale, ct);
                    return Results.NoContent();
                }));

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
