using System.CommandLine;
using System.Text.Json.Nodes;
using DapCu.Twin.Grains.Execution;
using DapCu.Twin.Grains.Hosting;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;
using DapCu.Twin.Scenarios.Output;
using Spectre.Console;

namespace DapCu.Twin.Cli.Commands;

/// <summary><c>dapcu run &lt;scenario.yaml | folder&gt;</c>: runs scenarios on the embedded silo into runs/&lt;name&gt;/.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("scenario") { Description = "A scenario file (.yaml) or a folder of them, e.g. scenarios/paper" };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the results: each scenario writes <out>/<name>/ (tables, plots, summary.json, report.md)", DefaultValueFactory = _ => "runs" };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable result on stdout instead of tables" };
        var resume = new Option<bool>("--resume") { Description = "Skip scenarios whose run is complete and unchanged; continue interrupted ones" };
        var noGrains = new Option<bool>("--no-grains") { Description = "Run cells straight on the engine in this process, without the embedded silo" };
        var bdf = new Option<bool>("--bdf") { Description = "Also write each variant's time series as Battery Data Format CSV (timeseries_<variant>.bdf.csv)" };
        var command = new Command("run", "Run scenarios (variants, sweeps, fleets) and write tables, plots, summary.json and report.md")
        {
            path, output, json, resume, noGrains, bdf, ScenarioFiles.AllowRoot, ScenarioFiles.MaxMemory, ScenarioFiles.MaxOutput, ScenarioFiles.MaxHours,
        };
        command.SetAction((parse, ct) =>
        {
            ScenarioFiles.UseAllowedRoots(parse);
            return RunAsync(parse.GetValue(path)!, parse.GetValue(output)!, new Terminal(parse.GetValue(json)),
                parse.GetValue(resume), parse.GetValue(noGrains), parse.GetValue(bdf), ScenarioFiles.Budget(parse), ct);
        });
        return command;
    }

    private enum Status { Complete, Skipped, Failed, Interrupted }

    private sealed record Outcome(string Name, Status Status, int TargetsPassed, int TargetsFailed, string Directory, string? Error, string? Note = null)
    {
        public IReadOnlyList<string> EndedEarly { get; init; } = [];
    }

    private static async Task<int> RunAsync(string path, string outputRoot, Terminal terminal, bool resume, bool noGrains, bool bdf,
        ResourceBudget budget, CancellationToken ct)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<Scenario> scenarios;
        IReadOnlyList<string> invalid;
        var warnings = new List<string>();
        try { (scenarios, invalid) = ScenarioFiles.LoadAll(ScenarioFiles.Expand(path), budget, warnings); }
        catch (FileNotFoundException e) { return Invalid(terminal, [e.Message]); }
        // One bad file in a folder is reported; the good ones still run.
        if (scenarios.Count == 0) return Invalid(terminal, invalid);
        foreach (var e in invalid) terminal.Error(e);
        foreach (var w in warnings) terminal.Warning(w);

        EmbeddedSilo? silo = null;
        try
        {
            ICellExecutor cells = DirectCellExecutor.Instance;
            IFleetExecutor fleets = new DirectFleetExecutor(Environment.ProcessorCount);
            if (!noGrains)
            {
                silo = await EmbeddedSilo.StartAsync(ct);
                cells = new GrainCellExecutor(silo.Grains);
                fleets = new GrainFleetExecutor(silo.Grains);
            }
            var job = new ScenarioJob(cells, fleets, Environment.ProcessorCount) { ExtraOutputs = bdf ? WriteBdf : null };
            IReadOnlyList<Outcome> outcomes;
            if (terminal.Interactive) outcomes = await RunWithProgressBarsAsync(scenarios, job, outputRoot, resume, ct);
            else
            {
                using var lines = new ProgressLines(terminal.Json ? Console.Error : Console.Out);
                outcomes = await RunAllAsync(scenarios, job, outputRoot, resume, (s, p) => lines.Report(s.Name, p.Phase, p.Fraction),
                    o => { lines.Finished(o.Name); terminal.Line(Describe(o)); }, ct);
            }
            Report(terminal, outcomes, invalid, outputRoot, wall.Elapsed);
            return outcomes.Any(o => o.Status == Status.Interrupted) ? ExitCodes.Interrupted
                 : outcomes.Any(o => o.Status == Status.Failed) ? ExitCodes.RunFailed
                 : invalid.Count > 0 ? ExitCodes.InvalidInput
                 : outcomes.Any(o => o.TargetsFailed > 0) ? ExitCodes.TargetsMissed
                 : ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            terminal.Error("interrupted before any scenario started");
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (silo is not null) await silo.DisposeAsync();
        }
    }

    /// <summary>Runs scenarios two at a time (this machine's cores); each ends complete, skipped, failed
    /// or interrupted, and one scenario's failure does not stop the others.</summary>
    private static async Task<IReadOnlyList<Outcome>> RunAllAsync(IReadOnlyList<Scenario> scenarios, ScenarioJob job, string outputRoot,
        bool resume, Action<Scenario, RunProgress> progress, Action<Outcome> finished, CancellationToken ct)
    {
        var outcomes = new Outcome[scenarios.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, scenarios.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (i, _) =>
            {
                var s = scenarios[i];
                var directory = Path.Combine(outputRoot, s.Name);
                try
                {
                    ct.ThrowIfCancellationRequested();
                    var r = await job.RunAsync(s, outputRoot, resume, new Progress<RunProgress>(p => progress(s, p)), ct);
                    outcomes[i] = new Outcome(s.Name, r.Skipped ? Status.Skipped : Status.Complete, r.TargetsPassed, r.TargetsFailed, directory, null, r.Note)
                    {
                        EndedEarly = r.EndedEarly,
                    };
                }
                catch (OutputLockedException e) { outcomes[i] = new Outcome(s.Name, Status.Failed, 0, 0, directory, e.Message); }
                catch (OperationCanceledException) { outcomes[i] = new Outcome(s.Name, Status.Interrupted, 0, 0, directory, "interrupted; rerun with --resume"); }
                catch (Exception e) { outcomes[i] = new Outcome(s.Name, Status.Failed, 0, 0, directory, $"{s.SourcePath}: {e.Message}"); }
                finished(outcomes[i]);
            });
        return outcomes;
    }

    private static async Task<IReadOnlyList<Outcome>> RunWithProgressBarsAsync(IReadOnlyList<Scenario> scenarios, ScenarioJob job,
        string outputRoot, bool resume, CancellationToken ct)
    {
        IReadOnlyList<Outcome> outcomes = [];
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = scenarios.ToDictionary(s => s.Name, s => context.AddTask(Markup.Escape(s.Name), autoStart: true, maxValue: 1.0));
                outcomes = await RunAllAsync(scenarios, job, outputRoot, resume,
                    (s, p) =>
                    {
                        bars[s.Name].Description = Markup.Escape($"{s.Name}: {p.Phase}");
                        bars[s.Name].Value = p.Fraction;
                    },
                    o =>
                    {
                        bars[o.Name].Description = Markup.Escape($"{o.Name}: {o.Status.ToString().ToLowerInvariant()}");
                        if (o.Status is Status.Complete or Status.Skipped) bars[o.Name].Value = 1.0;
                        bars[o.Name].StopTask();
                    }, ct);
            });
        return outcomes;
    }

    private static void Report(Terminal terminal, IReadOnlyList<Outcome> outcomes, IReadOnlyList<string> invalid, string outputRoot, TimeSpan wall)
    {
        int passed = outcomes.Sum(o => o.TargetsPassed), total = outcomes.Sum(o => o.TargetsPassed + o.TargetsFailed);
        if (terminal.Json)
        {
            Terminal.WriteJson(new JsonObject
            {
                ["errors"] = new JsonArray(invalid.Select(e => (JsonNode)e!).ToArray()),
                ["totals"] = new JsonObject
                {
                    ["scenarios"] = outcomes.Count,
                    ["complete"] = outcomes.Count(o => o.Status is Status.Complete or Status.Skipped),
                    ["targets_passed"] = passed,
                    ["targets_total"] = total,
                    ["wall_time_s"] = Math.Round(wall.TotalSeconds, 1),
                    ["output"] = Path.GetFullPath(outputRoot),
                },
                ["scenarios"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
                {
                    ["name"] = o.Name,
                    ["status"] = o.Status.ToString().ToLowerInvariant(),
                    ["targets_passed"] = o.TargetsPassed,
                    ["targets_failed"] = o.TargetsFailed,
                    ["directory"] = o.Directory,
                    ["error"] = o.Error,
                    ["note"] = o.Note,
                    ["ended_early"] = new JsonArray(o.EndedEarly.Select(e => (JsonNode)e!).ToArray()),
                }).ToArray()),
            });
            return;
        }
        if (terminal.Interactive)
        {
            var table = new Table().AddColumns("scenario", "result", "targets", "output");
            foreach (var o in outcomes)
                table.AddRow(Markup.Escape(o.Name), o.Status switch
                {
                    Status.Complete or Status.Skipped => $"[green]{o.Status.ToString().ToLowerInvariant()}[/]",
                    _ => $"[red]{o.Status.ToString().ToLowerInvariant()}[/]",
                }, Targets(o), Markup.Escape(o.Error ?? o.Directory));
            AnsiConsole.Write(table);
            foreach (var o in outcomes)
                foreach (var line in o.EndedEarly) terminal.Line(Markup.Escape($"{o.Name}: {line}"));
        }
        foreach (var o in outcomes.Where(o => o.Status == Status.Failed)) terminal.Error(o.Error!);
        terminal.Line(Markup.Escape(Totals(outcomes, passed, total, outputRoot, wall)));
    }

    /// <summary>The closing line: "14 scenarios (14 complete), 47/47 targets in band, 38 s, outputs in /abs/runs".</summary>
    private static string Totals(IReadOnlyList<Outcome> outcomes, int passed, int total, string outputRoot, TimeSpan wall)
    {
        var complete = outcomes.Count(o => o.Status is Status.Complete or Status.Skipped);
        var time = wall.TotalSeconds < 120
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{wall.TotalSeconds:F1} s")
            : $"{(int)wall.TotalMinutes} min {wall.Seconds} s";
        return $"{outcomes.Count} scenario{(outcomes.Count == 1 ? "" : "s")} ({complete} complete), " +
               (total == 0 ? "no targets" : $"{passed}/{total} targets in band") + $", {time}, outputs in {Path.GetFullPath(outputRoot)}";
    }

    private static string Describe(Outcome o) =>
        Markup.Escape($"{o.Name}: {o.Status.ToString().ToLowerInvariant()}" + (o.Status == Status.Complete ? $", targets {Targets(o)}, {o.Directory}" : "") +
        (o.Error is null ? "" : $" ({o.Error})") + (o.Note is null ? "" : $" [{o.Note}]") + string.Concat(o.EndedEarly.Select(e => $"\n  {e}")));

    private static string Targets(Outcome o) =>
        o.TargetsPassed + o.TargetsFailed == 0 ? "–" : $"{o.TargetsPassed}/{o.TargetsPassed + o.TargetsFailed} in band";

    private static int Invalid(Terminal terminal, IReadOnlyList<string> errors)
    {
        if (terminal.Json) Terminal.WriteJson(new JsonObject { ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e!).ToArray()) });
        foreach (var e in errors) terminal.Error(e);
        return ExitCodes.InvalidInput;
    }

    /// <summary>BDF CSV of each variant's time series, for other tools to read the twin's output.</summary>
    private static void WriteBdf(string folder, IReadOnlyList<VariantResult> variants)
    {
        foreach (var v in variants)
        {
            var safe = string.Concat(v.Cell.Label.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
            Data.Export.RunExport.ToBdf(v.Result, Path.Combine(folder, $"timeseries_{safe}.bdf.csv"), v.Cell.Design.Area_cm2);
        }
    }
}
