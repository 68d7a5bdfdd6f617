using System.CommandLine;
using DapCu.Twin.Grains.Benchmarks;

namespace DapCu.Twin.Cli.Commands;

/// <summary>The <c>--fleet</c> part of <c>dapcu bench</c>, for BenchCommand to mount (or run alone as <c>dapcu bench-fleet</c>).</summary>
public static class BenchFleet
{
    public static readonly Option<int> Cells = new("--cells") { Description = "Fleet size", DefaultValueFactory = _ => 10_000 };
    public static readonly Option<int> Cycles = new("--cycles") { Description = "Cycles per cell", DefaultValueFactory = _ => 500 };

    internal static Command Create()
    {
        var command = new Command("bench-fleet", "Fleet benchmark: cell-cycles/s on the raw engine and on grains, and their ratio") { Cells, Cycles };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        await FleetBench.RunAsync(parse.GetValue(Cells), parse.GetValue(Cycles), Console.Out, ct);
        return ExitCodes.Ok;
    }
}
