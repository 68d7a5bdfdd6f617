namespace DapCu.Twin.Grains.Cells;

/// <summary>One parameter override as it crosses the wire.</summary>
[GenerateSerializer, Immutable]
public sealed record CellOverride([property: Id(0)] string Key, [property: Id(1)] double Value);

/// <summary>
/// Everything a grain needs to rebuild a cell on any silo: the scenario file's text (not a path, so no shared
/// disk is needed), which variant, the overrides on top, and the seed of the cell's random stream.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellSetup(
    [property: Id(0)] string ScenarioYaml,
    [property: Id(1)] string SourcePath,
    [property: Id(2)] string Variant,
    [property: Id(3)] CellOverride[] Overrides,
    [property: Id(4)] int Seed);
