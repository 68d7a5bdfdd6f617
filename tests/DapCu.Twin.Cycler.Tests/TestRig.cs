using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Keithley;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>A 2400 on a test-double cell with a hand-moved clock.</summary>
public sealed class TestRig
{
    public ManualClock Clock { get; } = new();
    public LithiumReservoirCell Cell { get; }
    public VirtualChannel Channel { get; }
    public Keithley2400 K { get; }

    public TestRig(double timeScale = 1, double initialLi_mAh = 1.0, bool readWithOutputOff = false, LithiumReservoirCell? cell = null)
    {
        Cell = cell ?? new LithiumReservoirCell(initialLi_mAh: initialLi_mAh);
        Channel = new VirtualChannel(0, Cell, Clock, timeScale);
        K = new Keithley2400(Channel, "9100000") { ReadWithOutputOff = readWithOutputOff };
    }

    /// <summary>Sends a line; returns the reply (null if none).</summary>
    public string? Send(string line) => K.Execute(line).Reply;

    public string Ask(string line) => Send(line) ?? throw new Xunit.Sdk.XunitException($"no reply to '{line}'; error queue: {Send(":SYST:ERR:ALL?")}");

    public double[] Values(string line) =>
        Ask(line).Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Drains the error queue, returning the codes (without the final 0).</summary>
    public List<int> Errors()
    {
        var codes = new List<int>();
        for (int i = 0; i < 20; i++)
        {
            var e = Ask(":SYST:ERR?");
            var code = int.Parse(e.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
            if (code == 0) { Assert.Equal("0,\"No error\"", e); return codes; }
            codes.Add(code);
        }
        throw new Xunit.Sdk.XunitException("error queue does not drain");
    }
}
