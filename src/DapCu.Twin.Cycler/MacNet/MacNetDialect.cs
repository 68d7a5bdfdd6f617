using System.Text.Json;
using System.Text.Json.Nodes;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Transport;

namespace DapCu.Twin.Cycler.MacNet;

/// <summary>
/// Maccor MacNet JSON-RPC as pymacnet speaks it: one port for all channels, requests
/// <c>{"jsonrpc":"2.0","method":"MacNet","params":{"FClass":4,"FNum":7,"Chan":0},"id":1987}</c> with no terminator,
/// replies <c>{"jsonrpc":"2.0","result":{…},"id":1987}</c> ending in <c>\r\n</c>. Chan is 0-based on the wire
/// (pymacnet subtracts 1). System-level messages (1,1), (1,2) and the multi-channel status (4,1) are answered
/// here; everything addressed to one channel goes to that channel's grain.
/// </summary>
public sealed class MacNetDialect(string systemId = "DapCu.Twin") : IDialect
{
    /// <summary>Chan -1 in a status read ((4,1), (4,7)): every channel, an emulator extension (Maccor uses 65535 for
    /// "all selected" when starting tests).</summary>
    public const int AllChannels = -1;

    public string Name => EmulatedChannelDevice.MacNet;
    public string Terminator => "\r\n";
    public IMessageFramer CreateFramer() => new JsonObjectFramer();

    public bool Exclusive => false;
    /// <summary>pymacnet sends an object and nothing after it: an object still open after this pause is answered
    /// as a parse error, so a client with an unbalanced brace or an unclosed string hears about it.</summary>
    public TimeSpan? IdleFlush => TimeSpan.FromMilliseconds(300);
    public string Refusal(int port, string holder) =>
        Error(null, -32000, $"port {port} is busy: another client ({holder}) is connected; connection closed");

    public async Task<DialectReply> HandleAsync(FramedMessage message, ListenerContext context)
    {
        if (message.Overrun) return Reply(Error(null, -32600, $"Invalid Request: message longer than {LineFramer.DefaultMaxLineBytes} bytes, discarded"));
        JsonObject request;
        try
        {
            request = JsonNode.Parse(message.Text) as JsonObject
                ?? throw new JsonException("a request must be a JSON object");
        }
        catch (JsonException e) { return Reply(Error(null, -32700, $"Parse error: {e.Message}")); }

        var id = request["id"]?.DeepClone();
        if (request["method"]?.ToString() != "MacNet" || request["params"] is not JsonObject p)
            return Reply(Error(id, -32600, "Invalid Request: expected method \"MacNet\" and a params object"));
        try
        {
            int fClass = MacNetChannel.Int(p, "FClass"), fNum = MacNetChannel.Int(p, "FNum");
            var n = context.Channels.Count;
            switch ((fClass, fNum))
            {
                case (1, 1):
                    return Reply(Result(id, new JsonObject
                    {
                        ["FClass"] = 1, ["FNum"] = 1, ["APIVersion"] = 1,
                        ["MacTest32EXEversionMajor"] = 3, ["MacTest32EXEversionMinor"] = 2, ["MacTest32EXEversionBuild"] = 18,
                        ["MacTest32DLLversionMajor"] = 3, ["MacTest32DLLversionMsinor"] = 2, ["MacTest32DLLversionBuild"] = 18,
                        ["MacTest32ExeDT"] = "2016-11-08T15:02:58", ["MacTest32DLLDT"] = "2016-11-13T11:29:48",
                    }));
                case (1, 2):
                    return Reply(Result(id, new JsonObject
                    {
                        ["FClass"] = 1, ["FNum"] = 2, ["SystemID"] = systemId, ["SystemType"] = 0,
                        ["ControllerBoards"] = (n + 7) / 8, ["TestChannels"] = n, ["AuxBoards"] = 0, ["AuxChannels"] = 0,
                        ["SMB1Pos"] = 0, ["SMB3Pos"] = 1,
                    }));
                case (4, 7) when MacNetChannel.Int(p, "Chan") == AllChannels:
                    var all = new JsonArray();
                    for (int ch = 0; ch < n; ch++)
                    {
                        var r = await context.Channels[ch].ExecuteAsync(Name, $"{{\"FClass\":4,\"FNum\":7,\"Chan\":{ch}}}");
                        all.Add(JsonNode.Parse(r.Reply!)!["result"]!.DeepClone());
                    }
                    return Reply(Result(id, new JsonObject { ["FClass"] = 4, ["FNum"] = 7, ["Chan"] = AllChannels, ["Len"] = n, ["Channels"] = all }));
                case (4, 1):
                    int first = MacNetChannel.Int(p, "Chan"), len = first == AllChannels ? n : MacNetChannel.Int(p, "Len");
                    if (first == AllChannels) first = 0;
                    if (len is < 1 or > 128) throw new MacNetException(-32602, "params.Len must be 1..128");
                    if (first < 0 || first + len > n) throw new MacNetException(-32602, $"channels {first}..{first + len - 1} do not exist (0..{n - 1})");
                    var statuses = new JsonArray();
                    for (int ch = first; ch < first + len; ch++)
                    {
                        var r = await context.Channels[ch].ExecuteAsync(Name, $"{{\"FClass\":4,\"FNum\":7,\"Chan\":{ch}}}");
                        var s = JsonNode.Parse(r.Reply!)!["result"]!;
                        statuses.Add(new JsonObject { ["RF1"] = s["RF1"]!.DeepClone(), ["RF2"] = s["RF2"]!.DeepClone(), ["Stat"] = s["Stat"]!.DeepClone() });
                    }
                    return Reply(Result(id, new JsonObject { ["FClass"] = 4, ["FNum"] = 1, ["Chan"] = first, ["Len"] = len, ["Status"] = statuses }));
                default:
                    int chan = MacNetChannel.Int(p, "Chan");
                    if (chan < 0 || chan >= n) throw new MacNetException(-32602, $"params.Chan {chan} does not exist (0..{n - 1})");
                    var reply = await context.Channels[chan].ExecuteAsync(Name, p.ToJsonString());
                    if (reply.Drop) return new DialectReply(null, 0, true);
                    var body = JsonNode.Parse(reply.Reply!)!.AsObject();
                    var envelope = new JsonObject { ["jsonrpc"] = "2.0" };
                    foreach (var (k, v) in body) envelope[k] = v?.DeepClone();
                    envelope["id"] = id;
                    return new DialectReply(envelope.ToJsonString(), reply.Delay_ms / 1000, false);
            }
        }
        catch (MacNetException e) { return Reply(Error(id, e.Code, e.Message)); }
    }

    private static DialectReply Reply(string json) => new(json, 0, false);

    private static string Result(JsonNode? id, JsonObject result) =>
        new JsonObject { ["jsonrpc"] = "2.0", ["result"] = result, ["id"] = id }.ToJsonString();

    private static string Error(JsonNode? id, int code, string message) =>
        new JsonObject { ["jsonrpc"] = "2.0", ["error"] = new JsonObject { ["code"] = code, ["message"] = message }, ["id"] = id }.ToJsonString();
}
