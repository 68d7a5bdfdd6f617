using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Protocols.Model;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios;

/// <summary>One cell of a scenario: a labelled design with its parameter set, and its own protocol
/// where it differs from the scenario's.</summary>
public sealed record CellSpec(string Label, CellDesign Design, ParameterSet Parameters, Protocol? Protocol = null);

/// <summary>A what-if experiment: one or more cells run through the same protocol, with the paper's
/// targets it must reproduce. Loaded by <see cref="ScenarioLoader"/>.</summary>
public sealed class Scenario
{
    public required string Name { get; init; }
    public required string SourcePath { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<CellSpec> Cells { get; init; }
    public required Protocol Protocol { get; init; }
    public int Seed { get; init; } = 42;
    public double OutputResolution_s { get; init; } = 60.0;
    public IReadOnlyList<TargetSpec> Targets { get; init; } = [];
    /// <summary>Raw 'sweep:' node, parsed by the sweep runner.</summary>
    public YamlMappingNode? SweepNode { get; init; }
    /// <summary>Raw 'fleet:' node, parsed by the fleet runner.</summary>
    public YamlMappingNode? FleetNode { get; init; }
    /// <summary>The scenario file's text, written out as run.</summary>
    public string? SourceText { get; init; }
    /// <summary>Full paths of the parameter files the scenario includes (parameters: { file: ... }), for the run's fingerprint.</summary>
    public IReadOnlyList<string> IncludedFiles { get; init; } = [];
}

/// <summary>A metric by name with its arguments (e.g. mean_ce from cycle 2 to 100).</summary>
public sealed record MetricRef(string Name, IReadOnlyDictionary<string, string> Args)
{
    public double Number(string key, double fallback) =>
        Args.TryGetValue(key, out var v) ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
    public string? Text(string key) => Args.TryGetValue(key, out var v) ? v : null;
    public override string ToString() => Args.Count == 0 ? Name : $"{Name}({string.Join(", ", Args.Select(a => $"{a.Key}={a.Value}"))})";
}

/// <summary>How a target row is checked.</summary>
public abstract record TargetCheck(MetricRef Metric);
/// <summary>The metric of one cell lies in [Min, Max] (either end may be open).</summary>
public sealed record BandCheck(MetricRef Metric, string Cell, double? Min, double? Max) : TargetCheck(Metric);
/// <summary>The metric of one cell exceeds another's by at least a margin.</summary>
public sealed record GreaterCheck(MetricRef Metric, string Greater, string Than, double By) : TargetCheck(Metric);
/// <summary>The metric rises strictly along the listed cells.</summary>
public sealed record IncreasingCheck(MetricRef Metric, IReadOnlyList<string> Cells) : TargetCheck(Metric);
/// <summary>The metric of one cell is within a relative tolerance of another's.</summary>
public sealed record WithinCheck(MetricRef Metric, string Cell, string Of, double Tolerance) : TargetCheck(Metric);

/// <summary>One row of the paper's targets (docs/paper-targets.md), as a scenario declares it.</summary>
public sealed record TargetSpec(string Id, string Description, string PaperFigure, string Band, TargetCheck Check, int Line);
