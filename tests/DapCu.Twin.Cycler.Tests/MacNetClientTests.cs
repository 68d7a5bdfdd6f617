using System.Buffers.Binary;
using System.Text.Json.Nodes;
using DapCu.Twin.Cycler.Hosting;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>
/// A MacNet client written from Maccor's documented message set (MacNet help, "MacNet Functions": Chan is 0-based
/// on every port, little-endian records, JSON-RPC 2.0 with method "MacNet"; default ports 57570 JSON and 57560
/// TCP binary). Time-dependent steps run on a manual clock.
/// </summary>
public class MacNetClientTests
{
    private static string Json(int fClass, int fNum, int chan, string extra = "") =>
        $"{{\"jsonrpc\":\"2.0\",\"method\":\"MacNet\",\"params\":{{\"FClass\":{fClass},\"FNum\":{fNum},\"Chan\":{chan}{extra}}},\"id\":7}}";

    private static JsonObject Ask(LineClient c, string request)
    {
        c.Write(request);
        return JsonNode.Parse(c.ReadLine("\r\n") ?? throw new Xunit.Sdk.XunitException("closed"))!.AsObject();
    }

    private static JsonNode Result(JsonObject reply) => reply["result"] ?? throw new Xunit.Sdk.XunitException($"error reply: {reply}");

    /// <summary>(6,8) direct output as a 26-byte binary record: FClass, FNum, Chan, Len, Current, Voltage, Power,
    /// Resistance, CurrentRange, ChMode.</summary>
    private static string BinaryDirect(int chan, char mode, float current, float voltage)
    {
        var b = new byte[26];
        BinaryPrimitives.WriteUInt16LittleEndian(b, 6);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(4), (ushort)chan);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(6), 18);
        BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(8), current);
        BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(12), voltage);
        b[24] = 2;
        b[25] = (byte)mode;
        return System.Text.Encoding.Latin1.GetString(b);
    }

    [Fact]
    public void Default_ports_are_Maccors()
    {
        var o = new EmulatorHostOptions(new Channels.EmulatorOptions(LithiumReservoirCell.ForDesign, "dap-half"), DialectKind.MacNet);
        Assert.Equal(57570, o.FirstPort);
        Assert.Equal(57560, o.MacNetBinaryPort);
    }

    [Fact]
    public async Task A_channel_number_names_the_same_channel_on_the_JSON_and_binary_ports()
    {
        var clock = new ManualClock();
        await using var emu = await WireTests.Start(channels: 4, timeScale: 1, dialect: DialectKind.MacNet, clock: clock);
        using var json = new LineClient(emu.Ports[0]);
        using var bin = new LineClient(emu.Ports[1]);
        Assert.Equal("OK", Result(Ask(json, Json(6, 7, 2, ",\"TestName\":\"t\",\"Current\":0.001,\"Voltage\":-1,\"ChMode\":\"D\"")))["Result"]!.GetValue<string>());
        Assert.Equal(-0.001, Result(Ask(json, Json(4, 7, 2)))["Current"]!.GetValue<double>(), 9);
        bin.Write(BinaryDirect(2, 'R', 0, 0));                 // rest channel 2
        Assert.Equal(26, bin.ReadChunk().Length);              // the record echoed
        Assert.Equal(0, Result(Ask(json, Json(4, 7, 2)))["Current"]!.GetValue<double>());
        foreach (var other in new[] { 0, 1, 3 })
            Assert.Equal(0, Result(Ask(json, Json(4, 7, other)))["Stat"]!.GetValue<int>());   // untouched
    }

    [Fact]
    public async Task Chan_minus_one_reads_every_channel_and_several_clients_are_served_at_once()
    {
        await using var emu = await WireTests.Start(channels: 3, dialect: DialectKind.MacNet);
        using var a = new LineClient(emu.Ports[0]);
        using var b = new LineClient(emu.Ports[0]);
        Result(Ask(a, Json(6, 7, 1, ",\"TestName\":\"t\",\"Current\":0.001,\"Voltage\":-1,\"ChMode\":\"D\"")));
        var all = Result(Ask(b, Json(4, 7, -1)));
        Assert.Equal([0, 2, 0], all["Channels"]!.AsArray().Select(s => s!["Stat"]!.GetValue<int>()).ToArray());
        Assert.Equal([0, 1, 2], all["Channels"]!.AsArray().Select(s => s!["Chan"]!.GetValue<int>()).ToArray());
        var many = Result(Ask(a, Json(4, 1, -1)));
        Assert.Equal(3, many["Status"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"MacNet\",\"params\":{\"FClass\":4,\"FNum\":7,\"Chan\":0}")]           // unbalanced brace
    [InlineData("{\n    \"jsonrpc\": \"2.0,\n    \"method\": \"MacNet\"\n}")]                                          // unclosed string
    public async Task A_malformed_message_gets_a_JSON_RPC_error_and_the_connection_goes_on(string malformed)
    {
        await using var emu = await WireTests.Start(channels: 1, dialect: DialectKind.MacNet);
        using var c = new LineClient(emu.Ports[0]);
        c.Write(malformed);
        var error = JsonNode.Parse(c.ReadLine("\r\n")!)!;
        Assert.Equal(-32700, error["error"]!["code"]!.GetValue<int>());
        Assert.Equal(1, Result(Ask(c, Json(1, 2, 0)))["TestChannels"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_test_procedure_runs_its_schedule_to_completion()
    {
        var folder = Directory.CreateTempSubdirectory("dapcu-procedures");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "platestrip.txt"),
                "Repeat 2 times:\n  Plate at 1 mA for 360 s\n  Strip at 1 mA until 1 V\n");
            var clock = new ManualClock();
            await using var emu = await WireTests.Start(channels: 2, dialect: DialectKind.MacNet, clock: clock, procedures: folder.FullName);
            using var c = new LineClient(emu.Ports[0]);
            Assert.StartsWith("14:", Result(Ask(c, Json(6, 2, 1, ",\"TestName\":\"t\",\"ProcName\":\"nosuch\"")))["Result"]!.GetValue<string>());
            Assert.Equal("OK", Result(Ask(c, Json(6, 2, 1, ",\"TestName\":\"t\",\"ProcName\":\"platestrip\",\"Crate\":1")))["Result"]!.GetValue<string>());
            clock.Advance(100);
            var plating = Result(Ask(c, Json(4, 7, 1)));
            Assert.Equal(2, plating["Stat"]!.GetValue<int>());
            Assert.Equal(1, plating["Step"]!.GetValue<int>());
            Assert.Equal(1, plating["Cycle"]!.GetValue<int>());
            Assert.Equal(-0.001, plating["Current"]!.GetValue<double>(), 9);
            clock.Advance(400);                                  // plate ends at 360 s; stripping 0.098 mAh takes ~350 s
            var stripping = Result(Ask(c, Json(4, 7, 1)));
            Assert.Equal(2, stripping["Step"]!.GetValue<int>());
            Assert.Equal(0.001, stripping["Current"]!.GetValue<double>(), 9);
            clock.Advance(3600);                                 // both cycles end at the 1 V limit
            var done = Result(Ask(c, Json(4, 7, 1)));
            Assert.Equal(4, done["Stat"]!.GetValue<int>());      // Completed
            Assert.Equal(2, done["Cycle"]!.GetValue<int>());
            Assert.Equal(0, done["Current"]!.GetValue<double>());
            Assert.Equal(0, Result(Ask(c, Json(4, 7, 0)))["Stat"]!.GetValue<int>());
        }
        finally { folder.Delete(true); }
    }

    [Fact]
    public async Task Power_limit_suspends_a_running_test()
    {
        var clock = new ManualClock();
        await using var emu = await WireTests.Start(channels: 1, dialect: DialectKind.MacNet, clock: clock);
        using var c = new LineClient(emu.Ports[0]);
        Result(Ask(c, Json(6, 10, 0, ",\"VSafeMax\":10,\"VSafeMin\":-10,\"ISafeChg\":1,\"ISafeDis\":1,\"PBatSafeChg\":0.0001,\"PBatSafeDis\":0")));
        // Stripping 10 mA through 8 ohm and more: well over 0.1 mW.
        Result(Ask(c, Json(6, 7, 0, ",\"TestName\":\"t\",\"Current\":0.01,\"Voltage\":5,\"ChMode\":\"C\"")));
        clock.Advance(1);
        var s = Result(Ask(c, Json(4, 7, 0)));
        Assert.Equal(3, s["Stat"]!.GetValue<int>());
        Assert.Contains(await emu.Channels[0].GetLogAsync(), e => e.Kind == "safety" && e.Detail.Contains("PBatSafeChg"));
    }

    [Fact]
    public async Task Auxiliary_reading_is_the_cell_models_temperature()
    {
        await using var emu = await WireTests.Start(channels: 1, dialect: DialectKind.MacNet, cells: VirtualCellFactory.Create);
        using var c = new LineClient(emu.Ports[0]);
        var aux = Result(Ask(c, Json(4, 4, 0)));
        var cell = VirtualCellFactory.Create("dap-half");
        Assert.Equal(1, aux["Len"]!.GetValue<int>());
        Assert.Equal(cell.Model.Parameters.Electrolyte.Temperature_K - 273.15, aux["AuxValues"]![0]!.GetValue<double>(), 9);
    }
}
