using System.CommandLine;
using System.Globalization;
using DapCu.Twin.Cycler.Bench;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Hosting;
using DapCu.Twin.Data;
using DapCu.Twin.Grains.Benchmarks;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Bench;

namespace DapCu.Twin.Cli.Commands;

/// <summary>`dapcu bench [--fleet] [--live] [--cycler] [--data] [--paper folder]`: speed figures printed as rates
/// (never asserted in tests). Without flags: the engine alone, per core.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "length of one timed engine round", DefaultValueFactory = _ => 1.0 };
        var rounds = new Option<int>("--rounds") { Description = "timed engine rounds per figure (median is printed)", DefaultValueFactory = _ => 5 };
        var paper = new Option<string?>("--paper") { Description = "also time every scenario of this folder (e.g. scenarios/paper)" };
        var fleet = new Option<bool>("--fleet") { Description = "fleet through grains on the embedded silo vs the raw engine (--cells x --cycles)" };
        var cycler = new Option<bool>("--cycler") { Description = "emulator: :READ? latency (1 and 256 channels at 10 Hz) and a fuzz run" };
        var fuzzLines = new Option<long>("--fuzz-lines") { Description = "lines of the cycler fuzz run", DefaultValueFactory = _ => 1_000_000 };
        var live = new Option<bool>("--live") { Description = "live fleets: the most cells kept at their clock's present each second, bytes per cell, CPU; CellGrains at 1 Hz" };
        var liveCells = new Option<string>("--live-cells") { Description = "live fleet sizes to try, comma-separated (stops at the first not held; empty: skip)", DefaultValueFactory = _ => "100000,1000000,3000000" };
        var liveScale = new Option<double>("--live-scale") { Description = "wall-clock time scale of the live fleets", DefaultValueFactory = _ => 3600 };
        var liveSeconds = new Option<double>("--live-seconds") { Description = "measuring window per live fleet size", DefaultValueFactory = _ => 10 };
        var cellGrains = new Option<string>("--cell-grains") { Description = "CellGrain counts driven at 1 Hz, comma-separated, growing in one silo (0: skip)", DefaultValueFactory = _ => "100000" };
        var cellGrainSeconds = new Option<double>("--cell-grain-seconds") { Description = "seconds each CellGrain count is driven", DefaultValueFactory = _ => 30 };
        var data = new Option<bool>("--data") { Description = "import MB/s and memory per format (BDF CSV, .mpt, .mpr, .ndax; temporary files of 50 and 200 MB)" };
        var dashboard = new Option<bool>("--dashboard") { Description = "dapcu serve's dashboard: server CPU and bytes pushed per view for 10 views of a live fleet (--dashboard-cells), page load and first live value in Chromium" };
        var dashboardCells = new Option<int>("--dashboard-cells") { Description = "cells of the --dashboard fleet", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("bench", "Measure speed: engine cell-cycles/s per core, fleets on grains, the emulator, data import")
        {
            seconds, rounds, paper, fleet, BenchFleet.Cells, BenchFleet.Cycles, cycler, fuzzLines, data,
            live, liveCells, liveScale, liveSeconds, cellGrains, cellGrainSeconds, dashboard, dashboardCells,
            BenchFailover.Enabled, BenchFailover.Cells,
        };
        command.SetAction(async (parse, ct) =>
        {
            var o = Console.Out;
            if (!(parse.GetValue(seconds) > 0) || parse.GetValue(rounds) < 1)
            {
                Console.Error.WriteLine($"dapcu bench: expected --seconds > 0 and --rounds >= 1, got --seconds {parse.GetValue(seconds).ToString(CultureInfo.InvariantCulture)} --rounds {parse.GetValue(rounds)}");
                return 2;
            }
            o.WriteLine($"engine, one core ({Environment.ProcessorCount} cores here; other load makes rates noisy: see min-max):");
            foreach (var f in EngineBench.Run(parse.GetValue(seconds), parse.GetValue(rounds)))
                o.WriteLine(Inv($"  {f.Name}: {f.Rate:F0} {f.Unit} (min {f.MinRate:F0}, max {f.MaxRate:F0}, {f.Rounds} rounds)"));
            if (parse.GetValue(paper) is { } folder)
                o.WriteLine(Inv($"paper suite ({folder}), engine only: {EngineBench.PaperSuiteSeconds(folder):F2} s wall"));
            if (parse.GetValue(fleet))
            {
                o.WriteLine("fleet:");
                await FleetBench.RunAsync(parse.GetValue(BenchFleet.Cells), parse.GetValue(BenchFleet.Cycles), o, ct);
            }
            if (parse.GetValue(live))
            {
                if (Counts(parse.GetValue(liveCells)!, "--live-cells") is not { } sizes || Counts(parse.GetValue(cellGrains)!, "--cell-grains") is not { } grains) return 2;
                if (sizes.Count > 0) await LiveBench.RunAsync(sizes, parse.GetValue(liveScale), TimeSpan.FromSeconds(parse.GetValue(liveSeconds)), o, ct);
                if (grains.Count > 0) await CellGrainBench.RunAsync(grains, TimeSpan.FromSeconds(parse.GetValue(cellGrainSeconds)), o, ct);
            }
            if (parse.GetValue(cycler)) await CyclerAsync(parse.GetValue(fuzzLines), o, ct);
            if (parse.GetValue(BenchFailover.Enabled)) await BenchFailover.RunAsync(parse.GetValue(BenchFailover.Cells), o, ct);
            if (parse.GetValue(dashboard)) await BenchDashboard.RunAsync(parse.GetValue(dashboardCells), views: 10, windowSeconds: 10, o, ct);
            if (parse.GetValue(data))
            {
                // Each format at 50 and 200 MB: the summary gives the rate on the large file and memory at both sizes.
                var results = DataBenchFormats.Run(log: o);
                foreach (var g in results.GroupBy(r => r.Format))
                {
                    var (small, large) = (g.First(), g.Last());
                    o.WriteLine(Inv($"data: {g.Key} import {large.ReadMBps:F0} MB/s ({large.GoalRatio:F2}x the {large.GoalMBps:F0} MB/s goal; {large.CpuMBps:F0} MB/s of CPU time), ")
                        + Inv($"working set +{small.WorkingSetRiseBytes / 1e6:F0} MB at {small.FileBytes / 1e6:F0} MB and +{large.WorkingSetRiseBytes / 1e6:F0} MB at {large.FileBytes / 1e6:F0} MB, ")
                        + Inv($"allocated {small.AllocatedBytesPerMB:F0} and {large.AllocatedBytesPerMB:F0} B per MB"));
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>Positive whole numbers separated by commas (a lone 0 or nothing: none), or null after printing what was wrong.</summary>
    private static List<int>? Counts(string text, string option)
    {
        var counts = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "0" && text.Trim() == "0") break;
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                Console.Error.WriteLine($"dapcu bench: {option}: expected positive whole numbers separated by commas, got '{part}'");
                return null;
            }
            counts.Add(n);
        }
        return counts;
    }

    private static async Task CyclerAsync(long fuzzLines, TextWriter o, CancellationToken ct)
    {
        o.WriteLine("cycler emulator (Keithley 2400 over loopback, dap-half cells, channel grains on the embedded silo):");
        // Latency as a cycler program sees it: the emulator in its own process (`dapcu emulate`).
        await using (var one = await EmulatorProcess.StartAsync("dap-half", 1, 60, ct))
        {
            CyclerBench.ReadLatencyBlocking(one.Ports[0], 50, TimeSpan.FromSeconds(10)); // warm-up: JIT tiering, activation
            o.WriteLine("  separate process, blocking client, " + CyclerBench.ReadLatencyBlocking(one.Ports[0], 10, TimeSpan.FromSeconds(30)));
        }
        await using (var many = await EmulatorProcess.StartAsync("dap-half", 256, 60, ct))
        {
            await CyclerBench.ReadLatencyAsync(many.Ports, 10, TimeSpan.FromSeconds(10), ct); // warm-up: activation and JIT
            o.WriteLine("  separate process, async client, " + await CyclerBench.ReadLatencyAsync(many.Ports, 10, TimeSpan.FromSeconds(20), ct));
        }
        await using (var shared = await StartEmulator(256, ct))
            o.WriteLine("  same process as the client, " + await CyclerBench.ReadLatencyAsync(shared.Ports, 10, TimeSpan.FromSeconds(10), ct));
        // Capacity: the most channels of a separate emulator process, each polled once a second, with p99 <= 10 ms.
        int held = 0;
        foreach (var n in new[] { 16, 64, 256, 1024, 4096 })
        {
            LatencyReport report;
            await using (var big = await EmulatorProcess.StartAsync("dap-half", n, 60, ct))
            {
                await CyclerBench.ReadLatencyAsync(big.Ports, 1, TimeSpan.FromSeconds(5), ct); // warm-up
                report = await CyclerBench.ReadLatencyAsync(big.Ports, 1, TimeSpan.FromSeconds(10), ct);
            }
            bool ok = report.P99_ms <= 10;
            o.WriteLine($"  separate process, 1 Hz, {report} -> {(ok ? "held" : "not held")} (p99 <= 10 ms)");
            if (!ok) break;
            held = n;
        }
        o.WriteLine(Inv($"  largest channel count at 1 Hz with p99 <= 10 ms: {held}"));
        await using (var fuzz = await StartEmulator(8, ct))
            o.WriteLine("  " + await CyclerBench.FuzzAsync(fuzz.Ports, fuzzLines, seed: 1, ct));
    }

    private static Task<CyclerEmulator> StartEmulator(int channels, CancellationToken ct) =>
        CyclerEmulator.StartAsync(new EmulatorHostOptions(
            new EmulatorOptions(VirtualCellFactory.Create, "dap-half", channels, TimeScale: 60), Port: 0), ct);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
