using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace DapCu.Twin.Dashboard;

/// <summary>
/// Serves the page and its scripts from resources embedded in this assembly (wwwroot/, including the chart
/// library the build fetched from npm), so <c>dapcu serve</c> needs no content root or publish step.
/// </summary>
internal static class StaticAssets
{
    private static readonly Assembly Self = typeof(StaticAssets).Assembly;
    private static readonly FileExtensionContentTypeProvider Types = new();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html"));
        app.MapGet("/ui/{**file}", (string file) => Serve(file));
    }

    private static IResult Serve(string file)
    {
        var stream = Self.GetManifestResourceStream("wwwroot/" + file);
        if (stream is null) return Results.NotFound($"no dashboard file '{file}'");
        if (!Types.TryGetContentType(file, out var type)) type = "application/octet-stream";
        return Results.Stream(stream, type);
    }
}
