using System.Text.Json;
using System.Text.Json.Nodes;
using DapCu.Twin.Cycler.Hosting;

namespace DapCu.Twin.Cli;

/// <summary>The ports a `dapcu emulate` bound, as one JSON line: <c>{"dialect":"scpi","ports":[41001,41002],
/// "control":41003}</c> (MacNet: ports = [JSON, binary]). Printed on stdout and, with --ports-file, written to a
/// file (atomically: a reader never sees half of it).</summary>
public static class EmulatorPorts
{
    public static string Json(CyclerEmulator emulator) => new JsonObject
    {
        ["dialect"] = emulator.Dialect == DialectKind.Scpi ? "scpi" : "macnet",
        ["ports"] = new JsonArray(emulator.Ports.Select(p => (JsonNode)p).ToArray()),
        ["control"] = emulator.ControlPort,
    }.ToJsonString();

    public static void Write(string path, string json)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, json + "\n");
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a ports line back; a malformed one names the source and what was expected.</summary>
    public static (IReadOnlyList<int> Ports, int? Control) Parse(string json, string source)
    {
        try
        {
            var o = JsonNode.Parse(json)!.AsObject();
            var ports = o["ports"]!.AsArray().Select(p => p!.GetValue<int>()).ToList();
            return (ports, o["control"]?.GetValue<int>());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new FormatException($"{source}: expected a ports line like {{\"dialect\":\"scpi\",\"ports\":[5025],\"control\":null}}, got '{json}'", e);
        }
    }
}
