using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Grains.Fleets;

/// <summary>One variant's fleet as it crosses the wire: the scenario text (its <c>fleet:</c> node holds the
/// spread), the variant, and the histogram bins every shard shares so their statistics add up.</summary>
[GenerateSerializer, Immutable]
public sealed record FleetSetup(
    [property: Id(0)] string ScenarioYaml,
    [property: Id(1)] string SourcePath,
    [property: Id(2)] string Variant,
    [property: Id(3)] FleetBins Bins);

/// <summary>The cells [FirstCell, FirstCell + CellCount) of a fleet, owned by one shard.</summary>
[GenerateSerializer, Immutable]
public sealed record FleetShardRange([property: Id(0)] int FirstCell, [property: Id(1)] int CellCount);
