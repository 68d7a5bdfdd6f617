using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DapCu.Twin.Cli.Commands;

/// <summary><c>dapcu fleet start|list|show|cell|pause|resume|scale|stop|promote --server URL</c>: drives live fleets on a
/// running <c>dapcu serve</c> over its HTTP API. The token comes from --token or DAPCU_API_TOKEN.</summary>
public static class FleetCommand
{
    private static readonly Option<string> Server = new("--server")
    {
        Description = "URL of a running dapcu serve (default $DAPCU_SERVER or http://127.0.0.1:5080)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DAPCU_SERVER") ?? "http://127.0.0.1:5080",
    };
    private static readonly Option<string?> Token = new("--token") { Description = "API token (default $DAPCU_API_TOKEN)", Recursive = true };
    private static readonly Option<bool> Json = new("--json") { Description = "print the server's JSON reply", Recursive = true };

    public static Command Create()
    {
        var command = new Command("fleet", "Live fleets on a running dapcu serve: start, list, show, cell, pause, resume, scale, stop, promote")
        {
            Server, Token, Json, Start(), List(), Show(), Cell(), Simple("pause", "Stop a fleet's clock"), Simple("resume", "Restart a fleet's clock"),
            Scale(), Stop(), Promote(),
        };
        return command;
    }

    private static Argument<string> FleetId() => new("fleet") { Description = "fleet id (from dapcu fleet list)" };

    private static Command Start()
    {
        var scenario = new Argument<string>("scenario") { Description = "scenario file (.yaml); its text is sent to the server" };
        var variant = new Option<string?>("--variant") { Description = "which variant (cells: label) to run, when the scenario has several" };
        var cells = new Option<int?>("--cells") { Description = "cells in the fleet (default: the scenario's fleet.cells)" };
        var perShard = new Option<int?>("--cells-per-shard") { Description = "cells per shard grain (default: the server's Live:CellsPerShard)" };
        var scale = new Option<double?>("--scale") { Description = "wall-clock time scale, 1 to 100000 (default: accelerated, as fast as possible)" };
        var paused = new Option<bool>("--paused") { Description = "start with the clock stopped" };
        var command = new Command("start", "Start a live fleet from a scenario file") { scenario, variant, cells, perShard, scale, paused };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(scenario)!;
            if (!File.Exists(path)) return Task.FromResult(Fail($"no scenario file '{path}'"));
            var body = new JsonObject
            {
                ["scenarioYaml"] = File.ReadAllText(path), ["sourceName"] = path, ["variant"] = parse.GetValue(variant),
                ["cells"] = parse.GetValue(cells), ["cellsPerShard"] = parse.GetValue(perShard), ["paused"] = parse.GetValue(paused),
                ["clock"] = parse.GetValue(scale) is null ? "accelerated" : "wall", ["scale"] = parse.GetValue(scale),
            };
            return Call(parse, HttpMethod.Post, "api/fleets", body, ct, reply => $"started {reply["id"]}: {Describe(reply)}");
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List live fleets");
        command.SetAction((parse, ct) => Call(parse, HttpMethod.Get, "api/fleets", null, ct, reply =>
            reply is JsonArray { Count: > 0 } a ? string.Join("\n", a.Select(f => $"{f!["id"]}  {Describe(f)}")) : "no live fleets"));
        return command;
    }

    private static Command Show()
    {
        var id = FleetId();
        var command = new Command("show", "A fleet's aggregates: counts by state, per-cycle quantiles, shorts") { id };
        command.SetAction((parse, ct) => Call(parse, HttpMethod.Get, $"api/fleets/{Uri.EscapeDataString(parse.GetValue(id)!)}", null, ct, reply =>
        {
            var a = reply["aggregates"]!;
            var lines = new List<string>
            {
                $"{reply["fleet"]!["id"]}  {Describe(reply["fleet"]!)}",
                $"cells {a["cells"]}: cycling {a["cycling"]}, resting {a["resting"]}, finished {a["finished"]}; shorted {a["shorted"]}, Li exhausted {a["liExhausted"]}, promoted {a["promoted"]}",
                $"cycles completed {a["completedCycles"]}, cell time {Num(a["minCellTime_h"])} to {Num(a["maxCellTime_h"])} h",
            };
            if (a["byCycle"] is JsonArray buckets && buckets.Count > 0)
            {
                lines.Add("cycles      capacity p5/p50/p95 (mAh/cm2)   CE p50     overpotential p50 (mV)");
                foreach (var b in buckets.TakeLast(10))
                    lines.Add($"{b!["firstCycle"],4}-{b["lastCycle"],-5}  {Num(b["capacity_mAh_cm2"]!["p5"])} / {Num(b["capacity_mAh_cm2"]!["p50"])} / {Num(b["capacity_mAh_cm2"]!["p95"])}" +
                              $"   {Num(b["ce"]!["p50"])}   {Num(b["overpotential_mV"]!["p50"])}");
            }
            return string.Join("\n", lines);
        }));
        return command;
    }

    private static Command Cell()
    {
        var id = FleetId();
        var index = new Argument<int>("index") { Description = "cell index, 0 to cells - 1" };
        var command = new Command("cell", "One cell: state, Li inventory, last cycles") { id, index };
        command.SetAction((parse, ct) => Call(parse, HttpMethod.Get, $"api/fleets/{Uri.EscapeDataString(parse.GetValue(id)!)}/cells/{parse.GetValue(index)}", null, ct, c =>
        {
            var lines = new List<string>
            {
                $"cell {c["index"]}: {c["status"]}, cycle {c["cycle"]} step {c["step"]}, t = {Num(c["time_s"]!.GetValue<double>() / 3600)} h, " +
                $"{Num(c["voltage_V"])} V at {Num(c["current_mA_cm2"])} mA/cm2{(c["shorted"]!.GetValue<bool>() ? ", shorted" : "")}{(c["endReason"] is { } r ? $", stopped: {r}" : "")}",
                $"Li inventory (mAh/cm2): {string.Join(", ", c["inventory"]!.AsObject().Select(kv => $"{kv.Key} {Num(kv.Value)}"))}",
            };
            foreach (var cycle in (c["cycles"] as JsonArray ?? []).TakeLast(5))
                lines.Add($"  cycle {cycle!["cycle"]}: charge {Num(cycle["charge_mAh_cm2"])}, discharge {Num(cycle["discharge_mAh_cm2"])} mAh/cm2, CE {Num(cycle["coulombicEfficiency"])}");
            return string.Join("\n", lines);
        }));
        return command;
    }

    private static Command Simple(string verb, string description)
    {
        var id = FleetId();
        var command = new Command(verb, description) { id };
        command.SetAction((parse, ct) => Call(parse, HttpMethod.Post, $"api/fleets/{Uri.EscapeDataString(parse.GetValue(id)!)}/{verb}", new JsonObject(), ct,
            reply => $"{reply["id"]}: {Describe(reply)}"));
        return command;
    }

    private static Command Scale()
    {
        var id = FleetId();
        var scale = new Argument<string>("scale") { Description = "a time scale 1 to 100000 (wall clock), or 'accelerated'" };
        var command = new Command("scale", "Change a fleet's clock (re-anchored now)") { id, scale };
        command.SetAction((parse, ct) =>
        {
            var text = parse.GetValue(scale)!;
            JsonObject body;
            if (text == "accelerated") body = new JsonObject { ["clock"] = "accelerated" };
            else if (double.TryParse(text.TrimEnd('x'), NumberStyles.Float, CultureInfo.InvariantCulture, out var s)) body = new JsonObject { ["clock"] = "wall", ["scale"] = s };
            else return Task.FromResult(Fail($"scale '{text}': expected a number from 1 to 100000, or 'accelerated'"));
            return Call(parse, HttpMethod.Post, $"api/fleets/{Uri.EscapeDataString(parse.GetValue(id)!)}/scale", body, ct, reply => $"{reply["id"]}: {Describe(reply)}");
        });
        return command;
    }

    private static Command Stop()
    {
        var id = FleetId();
        var command = new Command("stop", "Stop a fleet and delete its cells") { id };
        command.SetAction((parse, ct) => Call(parse, HttpMethod.Delete, $"api/fleets/{Uri.EscapeDataString(parse.GetValue(id)!)}", null, ct, _ => $"stopped {parse.GetValue(id)}"));
        return command;
    }

    private static Command Promote()
    {
        var id = FleetId();
        var index = new Argument<int>("index") { Description = "cell index" };
        var command = new Command("promote", "Move a cell to a CellGrain of its own") { id, index };
        command.SetAction((parse, ct) => Call(parse, HttpMethod.Post, $"api/fleets/{Uri.EscapeDataString(parse.GetValue(id)!)}/cells/{parse.GetValue(index)}/promote",
            new JsonObject(), ct, reply => $"cell now in grain {reply["grain"]}"));
        return command;
    }

    private static async Task<int> Call(ParseResult parse, HttpMethod method, string path, JsonNode? body, CancellationToken ct, Func<JsonNode, string> describe)
    {
        var server = parse.GetValue(Server)!;
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            return Fail($"--server '{server}': expected an http(s) URL such as http://127.0.0.1:5080");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("DAPCU_API_TOKEN");
        if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            return Fail($"cannot reach {server} ({e.Message}); is 'dapcu serve' running there?");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var node = text.Length > 0 ? JsonNode.Parse(text) : null;
            if (!response.IsSuccessStatusCode)
                return Fail($"{(int)response.StatusCode} {response.ReasonPhrase}: {node?["error"]?.GetValue<string>() ?? text}");
            if (parse.GetValue(Json)) Console.WriteLine(text);
            else Console.WriteLine(describe(node ?? new JsonObject()));
            return ExitCodes.Ok;
        }
    }

    private static string Describe(JsonNode f)
    {
        var clock = f["clock"]!;
        var mode = clock["mode"]!.GetValue<string>() == "Accelerated" ? "accelerated" : $"wall clock x{Num(clock["scale"])}";
        return $"{f["scenario"]} [{f["variant"]}], {f["cells"]} cells in {f["shards"]} shards, {f["status"]}, {mode}, cell time {Num(f["cellTime_s"]!.GetValue<double>() / 3600)} h";
    }

    private static string Num(JsonNode? n) => n is null ? "-" : n.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? n.GetValue<double>().ToString("G4", CultureInfo.InvariantCulture) : n.ToString();

    private static string Num(double d) => d.ToString("G4", CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return ExitCodes.InvalidInput;
    }
}
