using System.CommandLine;
using DapCu.Twin.Data;
using DapCu.Twin.Data.Export;

namespace DapCu.Twin.Cli.Commands;

/// <summary>
/// dapcu convert &lt;file&gt; --to bdf [-o out.csv] [--skip-bad-rows]: writes Battery Data Format CSV.
/// The output appears only when the whole input was read; a failure leaves an existing output as it was.
/// </summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Cycler data file to convert" };
        var to = new Option<string>("--to") { Description = "Target format (bdf)", Required = true };
        to.AcceptOnlyFromAmong("bdf");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Output path (default: <file>.bdf.csv beside the input)" };
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Skip unreadable records and report how many" };
        var strict = new Option<bool>("--strict") { Description = "Refuse files that need repair (time stepping back, a cut last line) instead of repairing them with a warning" };
        var command = new Command("convert", "Convert a cycler data file to Battery Data Format CSV");
        command.Arguments.Add(file);
        command.Options.Add(to);
        command.Options.Add(output);
        command.Options.Add(skip);
        command.Options.Add(strict);
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            var target = parse.GetValue(output)?.FullName ?? DefaultOutput(input.FullName);
            try
            {
                var result = CyclerConverter.ToBdf(input.FullName, target, new ReadOptions { SkipBadRows = parse.GetValue(skip), RejectRepairs = parse.GetValue(strict) });
                Console.Error.WriteLine($"{result.SourceFormat.DisplayName()} -> BDF CSV: {result.Rows} records written to {result.OutputPath}"
                                        + (result.SkippedRows > 0 ? $", {result.SkippedRows} bad records skipped" : ""));
                foreach (var m in result.SkipMessages) Console.Error.WriteLine($"skipped: {m}");
                foreach (var w in result.Warnings) Console.Error.WriteLine($"warning: {w}");
                return 0;
            }
            catch (DataFormatException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string DefaultOutput(string input)
    {
        var stem = Path.GetFileNameWithoutExtension(input);
        if (stem.EndsWith(".bdf", StringComparison.OrdinalIgnoreCase)) stem = stem[..^4] + ".converted";
        return Path.Combine(Path.GetDirectoryName(input)!, stem + ".bdf.csv");
    }
}
