using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Scenarios;

public sealed record VariantResult(CellSpec Cell, RunResult Result);
public sealed record TargetOutcome(string Id, string Description, string PaperFigure, string Band, double? Value, bool Passed, string Detail);
public sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<VariantResult> Variants, IReadOnlyList<TargetOutcome> Targets)
{
    public bool AllTargetsPassed => Targets.All(t => t.Passed);
}

/// <summary>Runs a scenario's cells on the physics engine (in parallel; each cell is independent and
/// seeded from the scenario seed and its label, so results do not depend on scheduling).</summary>
public static class ScenarioRunner
{
    public static RunResult RunCell(CellSpec cell, Protocol protocol, int seed, double outputResolution_s, CancellationToken ct = default)
        => RunCell(cell, protocol, seed, outputResolution_s, ct, out _);

    public static RunResult RunCell(CellSpec cell, Protocol protocol, int seed, double outputResolution_s, CancellationToken ct, out CellModel model)
    {
        model = new CellModel(cell.Design, cell.Parameters);
        var state = model.CreateInitialState(CellSeed(seed, cell.Label));
        return ProtocolRunner.Run(model, state, protocol, new RunOptions { OutputResolution_s = outputResolution_s }, ct);
    }

    public static ScenarioResult Run(Scenario s, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var runs = new CellRun[s.Cells.Count];
        var done = 0;
        Parallel.For(0, s.Cells.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var result = RunCell(s.Cells[i], s.Cells[i].Protocol ?? s.Protocol, s.Seed, s.OutputResolution_s, ct, out var model);
            runs[i] = new CellRun(s.Cells[i], model, result);
            progress?.Report((double)Interlocked.Increment(ref done) / s.Cells.Count);
        });
        var byLabel = runs.ToDictionary(r => r.Cell!.Label, StringComparer.OrdinalIgnoreCase);
        var targets = s.Targets.Select(t => TargetEvaluator.Evaluate(t, byLabel)).ToList();
        return new ScenarioResult(s, runs.Select(r => new VariantResult(r.Cell!, r.Result)).ToList(), targets);
    }

    /// <summary>A cell's own seed: the scenario seed mixed with an FNV-1a hash of its label (stable across runs and machines).</summary>
    public static ulong CellSeed(int scenarioSeed, string label)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in label) { h ^= ch; h *= 1099511628211UL; }
        var state = h ^ (ulong)(uint)scenarioSeed;
        return SplitMix64.Next(ref state);
    }
}
