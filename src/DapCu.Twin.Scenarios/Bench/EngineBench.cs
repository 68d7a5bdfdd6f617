using System.Diagnostics;
using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Scenarios.Bench;

/// <summary>One benchmark figure: a median rate over repeated timed rounds.</summary>
public sealed record BenchFigure(string Name, double Rate, string Unit, double MinRate, double MaxRate, int Rounds);

/// <summary>
/// Speed of the physics engine alone, on one core: whole protocols run through the protocol runner with
/// the cycle table only (no time series), as fleets and sweeps use it. Rates are median over rounds;
/// the min-max spread shows the machine's noise.
/// </summary>
public static class EngineBench
{
    public const string DapHalfCellProtocol = """
        Repeat 1000 times:
          Plate at 1 mA/cm2 for 1 h
          Strip at 1 mA/cm2 until 1 V
        """;

    public const string SulfurProtocol = """
        Repeat 200 times:
          Discharge at 1C until 1.7 V
          Charge at 1C until 2.8 V or for 2 h
        """;

    public static IReadOnlyList<BenchFigure> Run(double secondsPerRound = 1.0, int rounds = 5)
    {
        return
        [
            Measure("(a) DAP half cell, 1 mA/cm2, 1 mAh/cm2", "dap-half", DapHalfCellProtocol, secondsPerRound, rounds),
            Measure("(b) Li-S full cell, DAP N/P 4, 1 C", "dap-s", SulfurProtocol, secondsPerRound, rounds),
        ];
    }

    /// <summary>Wall time of the whole paper suite (all scenarios of a folder), in seconds.</summary>
    public static double PaperSuiteSeconds(string folder)
    {
        var files = Directory.GetFiles(folder, "*.yaml");
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(files, f => ScenarioRunner.Run(ScenarioLoader.Load(f)));
        return sw.Elapsed.TotalSeconds;
    }

    private static BenchFigure Measure(string name, string preset, string protocolText, double seconds, int rounds)
    {
        DesignPresets.TryGet(preset, out var design);
        var model = new CellModel(design, ParameterSets.Chen2024);
        var protocol = ProtocolText.Parse(protocolText);
        var options = new RunOptions { OutputResolution_s = 0 };
        RunFor(model, protocol, options, 0.3); // warm-up: JIT and tiered compilation
        var rates = Enumerable.Range(0, rounds).Select(_ => RunFor(model, protocol, options, seconds)).OrderBy(r => r).ToList();
        return new BenchFigure(name, rates[rates.Count / 2], "cell-cycles/s", rates[0], rates[^1], rounds);
    }

    private static double RunFor(CellModel model, Protocol protocol, RunOptions options, double seconds)
    {
        var sw = Stopwatch.StartNew();
        long cycles = 0;
        ulong seed = 1;
        while (sw.Elapsed.TotalSeconds < seconds)
            cycles += ProtocolRunner.Run(model, model.CreateInitialState(seed++), protocol, options).Cycles.Count;
        return cycles / sw.Elapsed.TotalSeconds;
    }
}
