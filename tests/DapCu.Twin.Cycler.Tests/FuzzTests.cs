using DapCu.Twin.Cycler.Bench;
using DapCu.Twin.Cycler.Scpi;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>Seeded random and malformed input: nothing escapes as an exception, every rejected line leaves an
/// error in the queue, and over the wire the connection survives.</summary>
public class FuzzTests
{
    [Fact]
    public void Twenty_thousand_fuzz_lines_on_the_model_raise_no_exception_and_every_parse_error_is_queued()
    {
        var r = new TestRig(timeScale: 1000);
        var fuzz = new ScpiFuzzer(seed: 20240611);
        int parseErrors = 0;
        for (int i = 0; i < 20_000; i++)
        {
            var line = fuzz.Next();
            r.Send("*CLS");
            bool malformed = ScpiParser.Parse(line).Any(u => u.Error is not null);
            r.K.Execute(line);   // must not throw
            if (malformed)
            {
                parseErrors++;
                Assert.True(r.K.Status.ErrorCount > 0, $"line {i} '{line}' did not parse but left no error");
            }
            if (i % 500 == 0) r.Clock.Advance(0.5);
        }
        Assert.InRange(parseErrors, 2_000, 18_000);   // the generator really mixes good and bad lines
        r.Send("*CLS");
        Assert.Equal("1", r.Ask("*OPC?"));
    }

    [Fact]
    public async Task Two_thousand_fuzz_lines_over_the_wire_keep_the_connection()
    {
        await using var emu = await WireTests.Start(timeScale: 1000);
        var report = await CyclerBench.FuzzAsync(emu.Ports, lines: 2_000, seed: 7);
        Assert.Equal(0, report.DroppedConnections);
        Assert.Equal(2_000, report.Lines);
        Assert.True(report.ErrorsReported > 0, "malformed lines must show up in :SYST:ERR?");
    }
}
