// TEMPORARY (branch cli only): mirrors the scenario API the lead is landing on main so this branch compiles
// before the merge. Deleted by the merge commit; nothing here ships.
using DapCu.Twin.Physics;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Model;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Physics
{
    public sealed class CellDesign { }
    public sealed class ParameterSet { }
}

namespace DapCu.Twin.Scenarios
{
    public sealed class Scenario
    {
        public string Name { get; init; } = "";
        public string SourcePath { get; init; } = "";
        public string? Description { get; init; }
        public IReadOnlyList<CellSpec> Cells { get; init; } = [];
        public Protocol Protocol { get; init; } = new([]);
        public int Seed { get; init; }
        public double OutputResolution_s { get; init; }
        public IReadOnlyList<TargetSpec> Targets { get; init; } = [];
        public YamlMappingNode? SweepNode { get; init; }
        public YamlMappingNode? FleetNode { get; init; }
    }
    public sealed record TargetSpec(string Id, string Description, string PaperFigure, string Band, string Metric);
    public sealed record CellSpec(string Label, CellDesign Design, ParameterSet Parameters);
    public sealed class ScenarioException(string message) : Exception(message);
    public static class ScenarioLoader { public static Scenario Load(string path) => throw new NotImplementedException(); }
    public static class ScenarioRunner
    {
        public static RunResult RunCell(CellSpec cell, Protocol protocol, int seed, double outputResolution_s, CancellationToken ct) => throw new NotImplementedException();
        public static ScenarioResult Run(Scenario s, IProgress<double>? progress, CancellationToken ct) => throw new NotImplementedException();
    }
    public sealed record VariantResult(CellSpec Cell, RunResult Result);
    public sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<VariantResult> Variants, IReadOnlyList<TargetOutcome> Targets);
    public sealed record TargetOutcome(string Id, string Description, string PaperFigure, string Band, double? Value, bool Passed, string Detail);
    public static class ScenarioOverrides { public static Scenario Apply(Scenario s, string key, double value) => throw new NotImplementedException(); }
}
namespace DapCu.Twin.Scenarios
{
    public static class PendingLeadApi
    {
        // Wanted from main: nominal value of an override key, and target evaluation on runs made elsewhere.
        public static double Get(Scenario s, string key) => throw new NotImplementedException();
        public static IReadOnlyList<TargetOutcome> EvaluateTargets(Scenario s, IReadOnlyList<VariantResult> variants) => throw new NotImplementedException();
        public static Scenario LoadText(string yaml, string sourcePath) => throw new NotImplementedException();
    }
}
