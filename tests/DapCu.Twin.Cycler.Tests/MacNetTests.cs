using System.Text.Json;
using System.Text.Json.Nodes;
using DapCu.Twin.Cycler.Hosting;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>
/// Conformance with the messages pymacnet (BatteryDataAlliance/pymacnet, pymacnet/messages/messages.py) sends:
/// pretty-printed JSON-RPC with no terminator (json.dumps(msg, indent=4)), Chan already made 0-based; replies
/// must end in "\r\n" (pymacnet reads until it sees it).
/// </summary>
public class MacNetTests
{
    /// <summary>A request as pymacnet puts it on the wire: indent=4, Python's default separators, no newline.</summary>
    private static string PyMacNet(int fClass, int fNum, object? extra = null, int? chan = null)
    {
        var p = new JsonObject { ["FClass"] = fClass, ["FNum"] = fNum };
        if (chan is { } c) p["Chan"] = c;
        if (extra is not null)
            foreach (var (k, v) in JsonSerializer.SerializeToNode(extra)!.AsObject()) p[k] = v?.DeepClone();
        var msg = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "MacNet", ["params"] = p, ["id"] = 1987 };
        return msg.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 });
    }

    private static JsonObject Ask(LineClient c, string request)
    {
        c.Write(request);
        var line = c.ReadLine("\r\n") ?? throw new Xunit.Sdk.XunitException("connection closed");
        var reply = JsonNode.Parse(line)!.AsObject();
        Assert.Equal("2.0", reply["jsonrpc"]!.GetValue<string>());
        return reply;
    }

    private static JsonNode Result(JsonObject reply) =>
        reply["result"] ?? throw new Xunit.Sdk.XunitException($"error reply: {reply}");

    [Fact]
    public async Task System_and_general_info_as_the_CyclerInterface_constructor_needs()
    {
        await using var emu = await WireTests.Start(channels: 4, dialect: DialectKind.MacNet);
        Assert.Equal(2, emu.Ports.Count);   // JSON and binary, as pymacnet connects to both
        using var c = new LineClient(emu.Ports[0]);
        var general = Result(Ask(c, PyMacNet(1, 2)));
        Assert.Equal(4, general["TestChannels"]!.GetValue<int>());
        foreach (var k in new[] { "SystemID", "SystemType", "ControllerBoards", "AuxBoards", "AuxChannels" })
            Assert.NotNull(general[k]);
        var system = Result(Ask(c, PyMacNet(1, 1)));
        Assert.Equal(1, system["APIVersion"]!.GetValue<int>());
        using var bin = new LineClient(emu.Ports[1]);   // the binary port accepts
    }

    [Fact]
    public async Task Direct_mode_session_like_ChannelInterface()
    {
        var clock = new ManualClock();
        await using var emu = await WireTests.Start(channels: 2, timeScale: 1000, dialect: DialectKind.MacNet, clock: clock);
        using var c = new LineClient(emu.Ports[0]);
        var status = Result(Ask(c, PyMacNet(4, 7, chan: 1)));
        foreach (var k in new[] { "RF1", "RF2", "Stat", "LastRecNum", "Cycle", "Step", "TestTime", "StepTime", "Capacity", "Energy", "Current", "Voltage", "TesterTime" })
            Assert.True(status[k] is not null, $"(4,7) lacks {k}");
        Assert.Equal(1, status["Chan"]!.GetValue<int>());
        Assert.Equal(0, status["Stat"]!.GetValue<int>());                       // Available
        Assert.Equal(3.0, status["Voltage"]!.GetValue<double>(), 3);             // bare Cu vs Li

        var safety = Result(Ask(c, PyMacNet(6, 10, new { VSafeMax = 4.5, VSafeMin = -0.5, ISafeChg = 0.01, ISafeDis = 0.01, PBatSafeChg = 25, PBatSafeDis = 25 }, 1)));
        Assert.Equal(4.5, safety["VSafeMax"]!.GetValue<double>());
        var start = Result(Ask(c, PyMacNet(6, 7, new { TestName = "Random", Current = 0, Voltage = 1.0, Power = 50, Resistance = 0, CurrentRange = 1, ChMode = "C", DataTime = 1.0, DataV = 0, DataI = 0 }, 1)));
        Assert.Equal("OK", start["Result"]!.GetValue<string>());
        // Discharge = plate Li on the Cu working electrode: set_direct_mode_output(-1 mA) sends |I|, mode D, v_min.
        var set = Result(Ask(c, PyMacNet(6, 8, new { Current = 0.001, Voltage = -0.4, Power = 65536, Resistance = 0, CurrentRange = 2, ChMode = "D" }, 1)));
        Assert.Equal("OK", set["Result"]!.GetValue<string>());
        clock.Advance(0.05);                                                    // 50 s of channel time
        var running = Result(Ask(c, PyMacNet(4, 7, chan: 1)));
        Assert.Equal(2, running["Stat"]!.GetValue<int>());                      // Active
        Assert.Equal(-0.001, running["Current"]!.GetValue<double>(), 9);
        Assert.True(running["Voltage"]!.GetValue<double>() < 0);
        Assert.True(running["Capacity"]!.GetValue<double>() > 0);
        Assert.True(running["TestTime"]!.GetValue<double>() > 0);

        var many = Result(Ask(c, PyMacNet(4, 1, new { Len = 2 }, 0)));
        Assert.Equal([0, 2], many["Status"]!.AsArray().Select(s => s!["Stat"]!.GetValue<int>()).ToArray());

        Assert.Equal("OK", Result(Ask(c, PyMacNet(6, 9, new { VarNum = 1, Value = 3 }, 1)))["Result"]!.GetValue<string>());
        var aux = Result(Ask(c, PyMacNet(4, 4, chan: 1)));   // the test double has no temperature: no aux inputs
        Assert.Equal(aux["Len"]!.GetValue<int>(), aux["AuxValues"]!.AsArray().Count);
        Assert.Equal("OK", Result(Ask(c, PyMacNet(6, 5, chan: 1)))["Result"]!.GetValue<string>());
        Assert.Equal(0, Result(Ask(c, PyMacNet(4, 7, chan: 1)))["Stat"]!.GetValue<int>());
        Assert.NotEqual("OK", Result(Ask(c, PyMacNet(6, 8, new { Current = 0.001, Voltage = 1, Power = 1, Resistance = 0, CurrentRange = 2, ChMode = "C" }, 1)))["Result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Safety_limit_suspends_the_test()
    {
        await using var emu = await WireTests.Start(channels: 1, timeScale: 1000, dialect: DialectKind.MacNet);
        using var c = new LineClient(emu.Ports[0]);
        Ask(c, PyMacNet(6, 10, new { VSafeMax = 4.5, VSafeMin = -0.02, ISafeChg = 1, ISafeDis = 1, PBatSafeChg = 25, PBatSafeDis = 25 }, 0));
        Ask(c, PyMacNet(6, 7, new { TestName = "t", Current = 0, Voltage = 4.0, Power = 50, Resistance = 0, CurrentRange = 4, ChMode = "C", DataTime = 1.0, DataV = 0, DataI = 0 }, 0));
        // 10 mA plating reads well below -20 mV: the next look at the channel suspends it.
        Ask(c, PyMacNet(6, 8, new { Current = 0.01, Voltage = 65536, Power = 65536, Resistance = 0, CurrentRange = 4, ChMode = "D" }, 0));
        var s = Result(Ask(c, PyMacNet(4, 7, chan: 0)));
        Assert.Equal(3, s["Stat"]!.GetValue<int>());                            // Suspended
        Assert.Equal(0, s["Current"]!.GetValue<double>());
        Assert.Contains(await emu.Channels[0].GetLogAsync(), e => e.Kind == "safety" && e.Detail.Contains("VSafeMin"));
    }

    [Fact]
    public async Task Framing_errors_and_unknown_messages_get_JSON_RPC_errors_and_keep_the_connection()
    {
        await using var emu = await WireTests.Start(channels: 1, dialect: DialectKind.MacNet);
        using var c = new LineClient(emu.Ports[0]);
        c.Write(PyMacNet(1, 2) + PyMacNet(4, 7, chan: 0));   // two requests in one segment, no separator
        Assert.Contains("TestChannels", c.ReadLine("\r\n"));
        Assert.Contains("LastRecNum", c.ReadLine("\r\n"));
        Assert.Equal(-32700, Ask(c, "{\"jsonrpc\": \"2.0\", \"method\": }")["error"]!["code"]!.GetValue<int>());
        Assert.Equal(-32601, Ask(c, PyMacNet(9, 9, chan: 0))["error"]!["code"]!.GetValue<int>());
        Assert.Equal(-32602, Ask(c, PyMacNet(4, 7, chan: 5))["error"]!["code"]!.GetValue<int>());
        Assert.Equal(-32602, Ask(c, PyMacNet(4, 7))["error"]!["code"]!.GetValue<int>());
        var err = Ask(c, "{\"method\":\"Other\",\"params\":{},\"id\":5}");
        Assert.Equal(-32600, err["error"]!["code"]!.GetValue<int>());
        Assert.Equal(5, err["id"]!.GetValue<int>());
        c.Write("{\"x\":\"" + new string('a', 70_000) + "\"}");
        Assert.Equal(-32600, JsonNode.Parse(c.ReadLine("\r\n")!)!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(1, Result(Ask(c, PyMacNet(1, 2)))["TestChannels"]!.GetValue<int>());
    }
}
