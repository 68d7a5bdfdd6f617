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
        var profile = new Option<string?>("--profile") { Description = "Profile one fitted parameter: hold it at 7 values over x/÷2 around the fit and refit the others" };
        var command = new Command("fit", "Fit parameters to measured data (bounded Levenberg-Marquardt, 95 % intervals) and write a parameter file");
        command.Arguments.Add(data);
        foreach (var o in new Option[] { cell, parameters, area, output, capacity, json, profile }) command.Options.Add(o);
        command.SetAction(p => Run(p.GetValue(data)!, p.GetValue(cell)!, p.GetValue(parameters)!, p.GetValue(area), p.GetValue(output)!, p.GetValue(capacity), p.GetValue(json), p.GetValue(profile)));
        return command;
    }

    private static int Run(FileInfo data, string cellSpec, string paths, double? area, string output, double capacityWeight, bool json, string? profilePath)
    {
        try
        {
            var cell = TwinCell.Resolve(cellSpec);
            var table = CyclerTable.Load(data.FullName);
            area = CompareCommand.AreaFor(table, area);
            var list = paths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = new FitOptions { Replay = new ReplayOptions { Area_cm2 = area }, CapacityWeight_V_per_mAh = capacityWeight };
            var fitter = new ParameterFit(table, cell, list, options);
            var fit = fitter.Run();
            var profile = profilePath is null ? null : fitter.Profile(fit, profilePath);
            ParameterFile.Write(fit, output);
            if (json)
            {
                var names = fit.Parameters.Select(p => p.Path).ToList();
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    output, fit.RmseBefore_V, fit.RmseAfter_V, fit.Iterations, fit.Replays, fit.ExitReason, parameters = fit.Parameters,
                    flags = names.Select((n, i) => new { parameter = n, flags = fit.Flags(i) }),
                    correlation = names.Select((n, i) => names.Select((_, j) => Finite(fit.Correlation[i, j])).ToArray()).ToArray(),
                    profile = profile is null ? null : new { parameter = profilePath, points = profile },
                }, CompareReport.Json));
            }
            else Print(fit, output, profile);
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or ScenarioException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static void Print(FitResult fit, string output, IReadOnlyList<ProfilePoint>? profile)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Console.IsOutputRedirected)
        {
            foreach (var p in fit.Parameters)
                Console.WriteLine(string.Create(inv, $"{p.Path}\t{p.Value:G6}\t[{p.Lower95:G5}, {p.Upper95:G5}]\t{p.Unit}\tstart {p.Start:G5}{(p.AtBound ? "\tAT BOUND" : "")}"));
            Console.WriteLine(string.Create(inv, $"voltage RMS {fit.RmseBefore_V * 1000:F3} -> {fit.RmseAfter_V * 1000:F3} mV; written {output}"));
            PrintDiagnostics(fit, profile, Console.Out);
            return;
        }
        var table = new Table().AddColumns("parameter", "start", "fitted", "95 % CI", "unit");
        foreach (var p in fit.Parameters)
            table.AddRow(p.Path, p.Start.ToString("G5", inv), (p.AtBound ? "[yellow]" : "") + p.Value.ToString("G6", inv) + (p.AtBound ? " (bound)[/]" : ""),
                string.Create(inv, $"[{p.Lower95:G5}, {p.Upper95:G5}]"), Markup.Escape(p.Unit));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(inv, $"voltage RMS [bold]{fit.RmseBefore_V * 1000:F3} -> {fit.RmseAfter_V * 1000:F3} mV[/] ({fit.Iterations} iterations, {fit.Replays} replays); written {Markup.Escape(output)}"));
        PrintDiagnostics(fit, profile, Console.Out);
    }

    /// <summary>Correlation matrix, per-parameter warnings and the profile, as plain text (same in a pipe or a terminal).</summary>
    private static void PrintDiagnostics(FitResult fit, IReadOnlyList<ProfilePoint>? profile, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        var n = fit.Parameters.Count;
        if (n > 1)
        {
            w.WriteLine("correlation (in log value):");
            for (int i = 0; i < n; i++)
                w.WriteLine($"  {string.Join("  ", Enumerable.Range(0, n).Select(j => fit.Correlation[i, j].ToString("+0.000;-0.000", inv)))}  {fit.Parameters[i].Path}");
        }
        for (int i = 0; i < n; i++)
            foreach (var flag in fit.Flags(i)) w.WriteLine($"warning: {fit.Parameters[i].Path}: {flag}");
        if (profile is null) return;
        var others = profile[0].Others.Keys.ToList();
        w.WriteLine($"profile (held value, voltage RMS mV{string.Concat(others.Select(o => ", " + o))}):");
        foreach (var point in profile)
            w.WriteLine(string.Create(inv, $"  {point.Value:G5}\t{point.Rmse_V * 1000:F3}{string.Concat(others.Select(o => string.Create(inv, $"\t{point.Others[o]:G5}")))}"));
    }
}
