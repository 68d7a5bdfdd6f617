using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Tests.Output;

/// <summary>report.md explains what a reader would otherwise take for a bug: CE above 100 %, early ends.</summary>
public sealed class MarkdownReportTests
{
    private static string Report(string design, RunResult run)
    {
        DesignPresets.TryGet(design, out var d);
        var cell = new CellSpec("A", d, ParameterSets.Chen2024);
        var scenario = new Scenario
        {
            Name = "r", SourcePath = "r.yaml", Cells = [cell], Protocol = Protocols.Parsing.ProtocolText.Parse("Rest for 1 h"),
        };
        var dir = Scratch.Create("dapcu-report-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.md");
            MarkdownReport.ForScenario(new ScenarioResult(scenario, [new VariantResult(cell, run)], [])).Write(path);
            return File.ReadAllText(path);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Ce_above_100_percent_on_a_half_cell_is_explained_as_dead_li_reconnecting()
    {
        // CE 1.04 in cycle 1 (ce0 1.05 - fade 0.01), then 1.03, 1.02, 1.01, 1.00.
        var text = Report("pl-half", TestRuns.HalfCell(cycles: 5, ce0: 1.05, fade: 0.01));
        Assert.Contains("## Coulombic efficiency above 100 %", text);
        Assert.Contains("**A**: 4 cycle(s) above 100 %, highest 104 % in cycle 1", text);
        Assert.Contains("dead", text);
        Assert.Contains("reconnected", text);
    }

    [Fact]
    public void No_section_when_every_cycle_is_at_or_below_100_percent()
    {
        var text = Report("dap-half", TestRuns.HalfCell(cycles: 5, ce0: 0.95, fade: 0.001));
        Assert.DoesNotContain("above 100 %", text);
        Assert.DoesNotContain("ended early", text);
        Assert.Contains("protocol_complete", text);
    }

    [Fact]
    public void A_run_that_ended_early_says_where_and_why()
    {
        var run = TestRuns.HalfCell(cycles: 3, ce0: 0.95, fade: 0.001);
        run.EndedEarly = true;
        run.EndReason = Protocols.Running.EndReasons.NoCapacity;
        var text = Report("dap-half", run);
        Assert.Contains("## Runs that ended early", text);
        Assert.Contains("**A** ended in cycle 3: `no_capacity: a whole cycle moved no charge", text);
        Assert.Contains("capacity from then on is zero", text);
    }
}

/// <summary>What the run figures plot: no open-circuit spike at t = 0, and a long run's voltage figure
/// shows first, middle and last cycles rather than thousands on one axis.</summary>
public sealed class RunPlotDataTests
{
    [Fact]
    public void The_open_circuit_sample_before_the_first_step_is_not_plotted()
    {
        var run = TestRuns.HalfCell(cycles: 2, ce0: 0.95, fade: 0.001);
        // The runner records the open-circuit voltage at t = 0, then the first step's voltage at the same instant.
        run.TimeSeries.Insert(0, new TimeSeriesPoint(0, 1, 0, 0, 0, 2.9, 0, 0));
        var shown = RunPlots.WithoutStartSample(run.TimeSeries);
        Assert.Equal(run.TimeSeries.Count - 1, shown.Count);
        Assert.Equal(-0.02, shown[0].Voltage_V); // plating starts at once: the plot starts there
        // A run that starts with a rest keeps its first sample.
        var rested = TestRuns.HalfCell(cycles: 1, ce0: 0.95, fade: 0);
        Assert.Same(rested.TimeSeries, RunPlots.WithoutStartSample(rested.TimeSeries));
    }

    [Fact]
    public void A_long_run_shows_its_first_middle_and_last_cycle()
    {
        var run = TestRuns.HalfCell(cycles: RunPlots.LongRunCycles * 10 + 1, ce0: 0.95, fade: 0.0001);
        Assert.Equal([1, 101, 201], RunPlots.ShownCycles(run.Cycles));
        var dir = Scratch.Create("dapcu-plots-");
        try
        {
            var files = RunPlots.WriteAll(dir.FullName, [new LabelledRun("DAP", run)]);
            var svg = File.ReadAllText(Path.Combine(dir.FullName, "voltage_time.svg"));
            Assert.Contains("first (solid), middle (dashed), last (dotted)", svg);
            Assert.Contains("DAP cycle 201", svg);
            Assert.Contains("voltage_time.png", files);
        }
        finally { dir.Delete(recursive: true); }
    }
}
