using DapCu.Twin.Grains.Live;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Fleets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DapCu.Twin.Host;

/// <summary>
/// The live-fleet HTTP API under <c>/api</c> (OpenAPI document at <c>/openapi/v1.json</c>): start a fleet from a
/// scenario, list fleets, read a fleet's aggregates and one cell, pause, resume, rescale, stop, promote a cell.
/// </summary>
public static class FleetApi
{
    public static IEndpointRouteBuilder MapDapCuApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithName("Health").WithSummary("The server is up");

        var fleets = api.MapGroup("/fleets").WithTags("fleets");
        fleets.MapGet("/", async (IGrainFactory grains) =>
            {
                var ids = await grains.GetGrain<ILiveFleetRegistryGrain>(LiveFleetRegistryGrain.Key).List();
                return Results.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<ILiveFleetGrain>(id).Info())));
            })
            .WithName("ListFleets").WithSummary("Every live fleet").Produces<LiveFleetInfo[]>();

        fleets.MapPost("/", (StartFleetRequest request, IGrainFactory grains) => Guard(async () =>
            {
                var (setup, clock, name) = Setup(request);
                var id = $"{Slug(name)}-{Guid.NewGuid().ToString("N")[..6]}";
                var info = await grains.GetGrain<ILiveFleetGrain>(id).Start(setup, clock);
                return Results.Created($"/api/fleets/{id}", info);
            }))
            .WithName("StartFleet").WithSummary("Start a live fleet from a scenario file on the server or its YAML text")
            .Produces<LiveFleetInfo>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status400BadRequest);

        fleets.MapGet("/{id}", (string id, bool? histograms, IGrainFactory grains) => Guard(async () =>
            {
                var fleet = grains.GetGrain<ILiveFleetGrain>(id);
                var aggregates = await fleet.Aggregates();
                return Results.Ok(new FleetView(await fleet.Info(), AggregatesView.Of(aggregates, histograms ?? false)));
            }))
            .WithName("ShowFleet").WithSummary("A fleet and its aggregates (counts by state, per-cycle quantiles, shorts); ?histograms=true adds the bins")
            .Produces<FleetView>().Produces<ApiError>(StatusCodes.Status404NotFound);

        fleets.MapGet("/{id}/cells/{index:int}", (string id, int index, IGrainFactory grains) =>
                Guard(async () => Results.Ok(await grains.GetGrain<ILiveFleetGrain>(id).Cell(index))))
            .WithName("ShowCell").WithSummary("One cell: live state, Li inventory, cycle table, events and recent curve")
            .Produces<LiveCellView>().Produces<ApiError>(StatusCodes.Status404NotFound);

        fleets.MapPost("/{id}/pause", (string id, IGrainFactory grains) => Guard(async () => Results.Ok(await grains.GetGrain<ILiveFleetGrain>(id).PauseClock())))
            .WithName("PauseFleet").WithSummary("Stop the fleet's clock").Produces<LiveFleetInfo>();
        fleets.MapPost("/{id}/resume", (string id, IGrainFactory grains) => Guard(async () => Results.Ok(await grains.GetGrain<ILiveFleetGrain>(id).ResumeClock())))
            .WithName("ResumeFleet").WithSummary("Restart the fleet's clock from where it stood").Produces<LiveFleetInfo>();
        fleets.MapPost("/{id}/scale", (string id, ScaleRequest request, IGrainFactory grains) => Guard(async () =>
            {
                var (mode, scale) = Clock(request.Clock, request.Scale);
                return Results.Ok(await grains.GetGrain<ILiveFleetGrain>(id).Scale(mode, scale));
            }))
            .WithName("ScaleFleet").WithSummary("Change the clock: accelerated, or wall clock x scale (re-anchored now)").Produces<LiveFleetInfo>();
        fleets.MapDelete("/{id}", (string id, IGrainFactory grains) => Guard(async () =>
            {
                await grains.GetGrain<ILiveFleetGrain>(id).StopFleet();
                return Results.NoContent();
            }))
            .WithName("StopFleet").WithSummary("Stop the fleet and delete its cells and checkpoints");
        fleets.MapPost("/{id}/cells/{index:int}/promote", (string id, int index, IGrainFactory grains) =>
                Guard(async () => Results.Ok(new PromoteReply(await grains.GetGrain<ILiveFleetGrain>(id).Promote(index)))))
            .WithName("PromoteCell").WithSummary("Move a cell to a CellGrain of its own (same state, bit-identical continuation)").Produces<PromoteReply>();
        return app;
    }

    /// <summary>Reads and checks the scenario before any grain is touched; errors name the file, line and field.</summary>
    private static (LiveFleetSetup Setup, LiveClock Clock, string Name) Setup(StartFleetRequest r)
    {
        if ((r.ScenarioPath is null) == (r.ScenarioYaml is null))
            throw new ArgumentException("give exactly one of scenarioPath (a file on the server) or scenarioYaml (the scenario's text)");
        string yaml, source;
        if (r.ScenarioPath is { } path)
        {
            if (!File.Exists(path)) throw new ArgumentException($"scenarioPath: no file '{path}' on the server");
            (yaml, source) = (File.ReadAllText(path), path);
        }
        else (yaml, source) = (r.ScenarioYaml!, r.SourceName ?? "request.yaml");
        var scenario = ScenarioSource.Load(yaml, source);
        ScenarioJob.Validate(scenario);
        var variants = scenario.Cells.Select(c => c.Label).ToArray();
        var variant = r.Variant ?? (variants.Length == 1 ? variants[0]
            : throw new ArgumentException($"variant: {source} has variants {string.Join(", ", variants)}; say which one to run live"));
        if (!variants.Contains(variant)) throw new ArgumentException($"variant: {source} has no variant '{variant}' (it has {string.Join(", ", variants)})");
        var fleetCells = scenario.FleetNode is { } node ? FleetSpec.Parse(node, source, scenario.Seed).Cells : (int?)null;
        var cells = r.Cells ?? fleetCells ?? throw new ArgumentException($"cells: {source} declares no fleet.cells; give the number of cells");
        if (cells is < 1 or > FleetSpec.MaxCells) throw new ArgumentException($"cells: expected 1 to {FleetSpec.MaxCells}, got {cells}");
        if (r.CellsPerShard is < 1 or > 100_000) throw new ArgumentException($"cellsPerShard: expected 1 to 100000, got {r.CellsPerShard}");
        var (mode, scale) = Clock(r.Clock, r.Scale);
        var now = DateTimeOffset.UtcNow;
        var clock = mode == ClockMode.Accelerated ? LiveClock.Accelerated(now) : LiveClock.WallClock(scale, now);
        if (r.Paused) clock = clock.Pause(now);
        return (new LiveFleetSetup(yaml, source, variant, cells, r.CellsPerShard ?? 0), clock, scenario.Name);
    }

    private static (ClockMode Mode, double Scale) Clock(string? clock, double? scale) => (clock ?? (scale is null ? "accelerated" : "wall")) switch
    {
        "accelerated" => scale is null ? (ClockMode.Accelerated, 0) : throw new ArgumentException("scale: an accelerated clock has no scale; use clock: wall"),
        "wall" => (ClockMode.WallClock, scale is >= LiveClock.MinScale and <= LiveClock.MaxScale ? scale.Value
            : throw new ArgumentException($"scale: expected {LiveClock.MinScale:G} to {LiveClock.MaxScale:G} (x real time) for clock: wall, got {scale?.ToString() ?? "none"}")),
        var other => throw new ArgumentException($"clock: expected 'accelerated' or 'wall', got '{other}'"),
    };

    /// <summary>Turns the twin's input errors into 400 / 404 replies that say what was wrong.</summary>
    private static async Task<IResult> Guard(Func<Task<IResult>> call)
    {
        try { return await call(); }
        catch (KeyNotFoundException e) { return Results.NotFound(new ApiError(e.Message)); }
        catch (Exception e) when (e is ArgumentException or ScenarioException or ProtocolSyntaxException or CellDesignException
                                      or InvalidOperationException or NotSupportedException or FormatException)
        {
            return Results.BadRequest(new ApiError(e.Message));
        }
    }

    private static string Slug(string name)
    {
        var s = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return s.Length == 0 ? "fleet" : s.Length > 40 ? s[..40] : s;
    }
}
