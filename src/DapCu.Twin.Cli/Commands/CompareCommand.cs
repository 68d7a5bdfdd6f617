using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DapCu.Twin.Data;
using DapCu.Twin.Data.Export;
using DapCu.Twin.Data.Replay;
using DapCu.Twin.Scenarios;
using Spectre.Console;

namespace DapCu.Twin.Cli.Commands;

/// <summary>
/// dapcu compare &lt;data file | folder&gt; --cell &lt;scenario[#Label] | design&gt; [--area-cm2 A] [--out runs] [--json]:
/// replays measured current through the twin and reports per-cycle residuals; a folder is compared as a fleet.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var data = new Argument<string>("data") { Description = "Cycler data file, or a folder of them for a fleet comparison" };
        var cell = CellOption();
        var area = new Option<double?>("--area-cm2") { Description = "Electrode area the file's current is divided by (default: the file header's, else the design's)" };
        var strict = new Option<bool>("--strict") { Description = "Refuse files that need repair (time stepping back, a cut last line) instead of repairing them with a warning" };
        var output = new Option<string>("--out") { Description = "Folder the compare-<name> folder goes into", DefaultValueFactory = _ => "runs" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("compare", "Replay measured data through the twin; report voltage, capacity, CE and overpotential residuals per cycle");
        command.Arguments.Add(data);
        command.Options.Add(cell);
        command.Options.Add(area);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(strict);
        command.SetAction(p => Run(p.GetValue(data)!, p.GetValue(cell)!, p.GetValue(area), p.GetValue(output)!, p.GetValue(json),
            new ReadOptions { RejectRepairs = p.GetValue(strict) }));
        return command;
    }

    internal static Option<string> CellOption() => new("--cell")
    {
        Description = $"Scenario file (first cell, or file.yaml#Label) or design preset: {string.Join(", ", DesignPresets.All.Keys)}",
        Required = true,
    };

    private static int Run(string data, string cellSpec, double? area, string outRoot, bool json, ReadOptions read)
    {
        try
        {
            var cell = TwinCell.Resolve(cellSpec);
            if (Directory.Exists(data)) return Fleet(data, cell, area, read, outRoot, json);
            if (!File.Exists(data)) throw new FileNotFoundException($"data '{data}': expected a cycler data file or a folder of them; it does not exist", data);
            var table = CyclerTable.Load(data, read);
            var options = new ReplayOptions { Area_cm2 = AreaFor(table, area) };
            foreach (var w in table.Warnings) Console.Error.WriteLine($"warning: {w}");
            var trace = Replayer.Run(table, cell, options);
            if (trace.LoggingGaps > 0)
                Console.Error.WriteLine($"note: {trace.LoggingGaps} logging gap(s) in {data}: the twin rests through them and no capacity is counted there");
            var comparison = Comparison.Of(trace);
            var folder = CompareReport.Write(comparison, outRoot);
            ComparePlots.Nyquist(table, folder); // only when the file has impedance records
            if (json) Console.Out.WriteLine(JsonSerializer.Serialize(new { folder, summary = CompareReport.Summary(comparison) }, CompareReport.Json));
            else Print(comparison, folder);
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or ScenarioException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary>--area-cm2 when given, else the electrode area the file's header states (said on stderr), else the design's.</summary>
    internal static double? AreaFor(CyclerTable table, double? area)
    {
        if (area is not null || table.Metadata.Area_cm2 is not { } header) return area;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"electrode area {header:G6} cm2 from the header of {table.SourcePath}"));
        return header;
    }

    private static int Fleet(string folder, TwinCell cell, double? area, ReadOptions read, string outRoot, bool json)
    {
        var files = Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var results = new List<ComparisonResult>();
        var skipped = new List<string>();
        foreach (var f in files)
        {
            try
            {
                var table = CyclerTable.Load(f, read);
                results.Add(Comparison.Of(Replayer.Run(table, cell, new ReplayOptions { Area_cm2 = AreaFor(table, area) })));
            }
            catch (Exception e) when (e is DataFormatException or IOException or InvalidDataException) { skipped.Add(e.Message); }
        }
        if (results.Count == 0)
            throw new DataFormatException(folder, null, $"no readable cycler files among {files.Count}; expected BDF, BioLogic, Arbin, Maccor, Neware or Landt files" + (skipped.Count > 0 ? $" ({skipped[0]})" : ""));
        var fleet = FleetComparison.Of(results);
        var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var written = FleetReport.Write(fleet, outRoot, name);
        if (json) Console.Out.WriteLine(JsonSerializer.Serialize(new { folder = written, skipped, summary = FleetReport.Summary(fleet) }, CompareReport.Json));
        else
        {
            foreach (var s in skipped) Console.Error.WriteLine($"skipped: {s}");
            Console.WriteLine($"fleet of {fleet.Cells.Count} cells; outliers: {string.Join(", ", fleet.Cells.Where(c => c.Outlier).Select(c => $"{c.Name} ({c.Reason})").DefaultIfEmpty("none"))}");
            Console.WriteLine($"written: {written}");
        }
        return 0;
    }

    private static void Print(ComparisonResult c, string folder)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine(string.Create(inv, $"{c.Trace.Name} vs {c.Trace.Cell.Source}: {c.Cycles.Count} cycles, voltage RMSE {c.VoltageRmse_V * 1000:F2} mV"));
            Console.WriteLine($"written: {folder}");
            return;
        }
        var table = new Table().AddColumns("cycle", "V RMSE mV", "charge mAh meas/twin", "discharge mAh meas/twin", "CE % meas/twin", "η mV meas/twin");
        foreach (var k in c.Cycles)
            table.AddRow(k.Cycle.ToString(inv), (k.VoltageRmse_V * 1000).ToString("F2", inv),
                string.Create(inv, $"{k.MeasuredCharge_Ah * 1000:F4} / {k.TwinCharge_Ah * 1000:F4}"),
                string.Create(inv, $"{k.MeasuredDischarge_Ah * 1000:F4} / {k.TwinDischarge_Ah * 1000:F4}"),
                string.Create(inv, $"{k.MeasuredCe * 100:F2} / {k.TwinCe * 100:F2}"),
                string.Create(inv, $"{k.MeasuredOverpotential_V * 1000:F1} / {k.TwinOverpotential_V * 1000:F1}"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(inv, $"voltage RMSE [bold]{c.VoltageRmse_V * 1000:F2} mV[/]; written [link]{Markup.Escape(folder)}[/]"));
    }
}
