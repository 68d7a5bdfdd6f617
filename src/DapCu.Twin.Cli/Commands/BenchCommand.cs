using System.CommandLine;
using System.Globalization;
using DapCu.Twin.Scenarios.Bench;

namespace DapCu.Twin.Cli.Commands;

/// <summary>`dapcu bench`: speed figures printed as rates (never asserted in tests).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "length of one timed round", DefaultValueFactory = _ => 1.0 };
        var rounds = new Option<int>("--rounds") { Description = "timed rounds per figure (median is printed)", DefaultValueFactory = _ => 5 };
        var paper = new Option<string?>("--paper") { Description = "also time every scenario of this folder (e.g. scenarios/paper)" };
        var command = new Command("bench", "Measure the engine's speed: cell-cycles per second per core");
        command.Options.Add(seconds);
        command.Options.Add(rounds);
        command.Options.Add(paper);
        command.SetAction(parse =>
        {
            Console.WriteLine($"engine, one core ({Environment.ProcessorCount} cores on this machine; load makes rates noisy, see min-max):");
            foreach (var f in EngineBench.Run(parse.GetValue(seconds), parse.GetValue(rounds)))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {f.Name}: {f.Rate:F0} {f.Unit} (min {f.MinRate:F0}, max {f.MaxRate:F0}, {f.Rounds} rounds)"));
            if (parse.GetValue(paper) is { } folder)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paper suite ({folder}): {EngineBench.PaperSuiteSeconds(folder):F2} s wall"));
            return 0;
        });
        return command;
    }
}
