namespace DapCu.Twin.Grains.Live;

/// <summary>
/// A live fleet as it crosses the wire: the scenario text (its <c>fleet:</c> node gives the spread and the
/// seed), the variant, how many cells, and how many cells one shard holds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveFleetSetup(
    [property: Id(0)] string ScenarioYaml,
    [property: Id(1)] string SourcePath,
    [property: Id(2)] string Variant,
    [property: Id(3)] int Cells,
    [property: Id(4)] int CellsPerShard);

/// <summary>The cells [FirstCell, FirstCell + CellCount) of a live fleet, owned by one shard.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveShardRange([property: Id(0)] int Index, [property: Id(1)] int FirstCell, [property: Id(2)] int CellCount);
