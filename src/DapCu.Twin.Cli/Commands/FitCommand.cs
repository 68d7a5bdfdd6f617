using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DapCu.Twin.Data;
using DapCu.Twin.Data.Export;
using DapCu.Twin.Data.Fitting;
using DapCu.Twin.Data.Replay;
using DapCu.Twin.Scenarios;
using Spectre.Console;

namespace DapCu.Twin.Cli.Commands;

/// <summary>
/// dapcu fit &lt;data file&gt; --cell &lt;...&gt; --params a,b [--out fitted.yaml] [--capacity-weight w] [--json]:
/// fits parameter paths to the measured voltage and writes a parameter file a scenario loads.
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var data = new Argument<FileInfo>("data") { Description = "Cycler data file" };
        var cell = CompareCommand.CellOption();
        var parameters = new Option<string>("--params") { Description = "Comma-separated parameter paths, e.g. dap.interface_resistance_ohm_cm2,electrolyte.contact_resistance_ohm_cm2", Required = true };
        var area = new Option<double?>("--area-cm2") { Description = "Electrode area the file's current is divided by (default: the file header's, else the design's)" };
        var output = new Option<string>("--out") { Description = "Parameter file to write", DefaultValueFactory = _ => "params.yaml" };
        var capacity = new Option<double>("--capacity-weight") { Description = "Also fit capacity per cycle, weighting its residual in V per mAh (0: voltage only)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("fit", "Fit parameters to measured data (bounded Levenberg-Marquardt, 95 % intervals) and write a parameter file");
        command.Arguments.Add(data);
        foreach (var o in new Option[] { cell, parameters, area, output, capacity, json }) command.Options.Add(o);
        command.SetAction(p => Run(p.GetValue(data)!, p.GetValue(cell)!, p.GetValue(parameters)!, p.GetValue(area), p.GetValue(output)!, p.GetValue(capacity), p.GetValue(json)));
        return command;
    }

    private static int Run(FileInfo data, string cellSpec, string paths, double? area, string output, double capacityWeight, bool json)
    {
        try
        {
            var cell = TwinCell.Resolve(cellSpec);
            var table = CyclerTable.Load(data.FullName);
            area = CompareCommand.AreaFor(table, area);
            var list = paths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = new FitOptions { Replay = new ReplayOptions { Area_cm2 = area }, CapacityWeight_V_per_mAh = capacityWeight };
            var fit = new ParameterFit(table, cell, list, options).Run();
            ParameterFile.Write(fit, output);
            if (json) Console.Out.WriteLine(JsonSerializer.Serialize(new { output, fit.RmseBefore_V, fit.RmseAfter_V, fit.Iterations, fit.Replays, fit.ExitReason, parameters = fit.Parameters }, CompareReport.Json));
            else Print(fit, output);
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or ScenarioException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static void Print(FitResult fit, string output)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Console.IsOutputRedirected)
        {
            foreach (var p in fit.Parameters)
                Console.WriteLine(string.Create(inv, $"{p.Path}\t{p.Value:G6}\t[{p.Lower95:G5}, {p.Upper95:G5}]\t{p.Unit}\tstart {p.Start:G5}{(p.AtBound ? "\tAT BOUND" : "")}"));
            Console.WriteLine(string.Create(inv, $"voltage RMS {fit.RmseBefore_V * 1000:F3} -> {fit.RmseAfter_V * 1000:F3} mV; written {output}"));
            return;
        }
        var table = new Table().AddColumns("parameter", "start", "fitted", "95 % CI", "unit");
        foreach (var p in fit.Parameters)
            table.AddRow(p.Path, p.Start.ToString("G5", inv), (p.AtBound ? "[yellow]" : "") + p.Value.ToString("G6", inv) + (p.AtBound ? " (bound)[/]" : ""),
                string.Create(inv, $"[{p.Lower95:G5}, {p.Upper95:G5}]"), Markup.Escape(p.Unit));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(inv, $"voltage RMS [bold]{fit.RmseBefore_V * 1000:F3} -> {fit.RmseAfter_V * 1000:F3} mV[/] ({fit.Iterations} iterations, {fit.Replays} replays); written {Markup.Escape(output)}"));
    }
}
