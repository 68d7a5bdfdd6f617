using DapCu.Twin.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>One parameter's spread, with the YAML node it came from (for error messages).</summary>
public sealed record SpreadEntry(string Key, Spread Spread, YamlNode KeyNode);

/// <summary>
/// A fleet from a scenario's <c>fleet:</c> node: many copies of each variant with seeded cell-to-cell spread.
/// <code>
/// fleet:
///   cells: 1000
///   seed: 7
///   spread:
///     kinetics.exchange_current_density_mA_cm2: { dist: lognormal, sigma: 0.1 }
///     np_ratio: { dist: normal, sd: 0.02 }
/// </code>
/// </summary>
public sealed record FleetSpec(int Cells, int Seed, IReadOnlyList<SpreadEntry> Spreads)
{
    public const int MaxCells = 10_000_000;

    public static FleetSpec Parse(YamlMappingNode node, string sourcePath, int defaultSeed)
    {
        var yaml = new YamlNodeReader(sourcePath);
        var entries = yaml.Entries(node, "fleet", "cells", "seed", "spread");
        YamlNode? Get(string key) => entries.FirstOrDefault(e => e.Key.Value == key).Value;

        var cellsNode = Get("cells") ?? throw yaml.Error(node, "'cells: N' in fleet (how many cells per variant)", "no cells");
        int cells = yaml.Integer(cellsNode, "fleet.cells", 1, MaxCells);
        int seed = Get("seed") is { } seedNode ? yaml.Integer(seedNode, "fleet.seed", int.MinValue, int.MaxValue) : defaultSeed;

        var spreads = new List<SpreadEntry>();
        if (Get("spread") is { } spreadNode)
            foreach (var (key, value) in yaml.Entries(yaml.Mapping(spreadNode, "fleet.spread"), "fleet.spread"))
                spreads.Add(new SpreadEntry(key.Value!, ParseSpread(yaml, yaml.Mapping(value, $"fleet.spread.{key.Value}"), $"fleet.spread.{key.Value}"), key));
        return new FleetSpec(cells, seed, spreads);
    }

    private static Spread ParseSpread(YamlNodeReader yaml, YamlMappingNode node, string what)
    {
        var entries = yaml.Entries(node, what, "dist", "sd", "rel_sd", "sigma", "min", "max", "half_width");
        YamlNode? Get(string key) => entries.FirstOrDefault(e => e.Key.Value == key).Value;
        double? Positive(string key) => Get(key) is { } n ? yaml.Positive(n, $"{what}.{key}") : null;
        double? Number(string key) => Get(key) is { } n ? yaml.Number(n, $"{what}.{key}") : null;
        void Only(string dist, params string[] keys)
        {
            foreach (var (key, _) in entries)
                if (key.Value != "dist" && !keys.Contains(key.Value))
                    throw yaml.Error(key, $"{string.Join(" or ", keys)} for dist: {dist}", $"'{key.Value}'");
        }

        var distNode = Get("dist") ?? throw yaml.Error(node, $"'dist: normal | lognormal | uniform' in {what}", "no dist");
        switch (yaml.Text(distNode, $"{what}.dist"))
        {
            case "normal":
                Only("normal", "sd", "rel_sd");
                var (sd, rel) = (Positive("sd"), Positive("rel_sd"));
                if ((sd is null) == (rel is null)) throw yaml.Error(node, $"exactly one of 'sd' (in the parameter's unit) or 'rel_sd' (fraction of nominal) in {what}");
                return new NormalSpread(sd, rel);
            case "lognormal":
                Only("lognormal", "sigma");
                return new LogNormalSpread(Positive("sigma") ?? throw yaml.Error(node, $"'sigma' (standard deviation of ln(value)) in {what}", "no sigma"));
            case "uniform":
                Only("uniform", "min", "max", "half_width");
                var (min, max, half) = (Number("min"), Number("max"), Positive("half_width"));
                if (half is not null && (min is not null || max is not null))
                    throw yaml.Error(node, $"'min' and 'max', or 'half_width' in {what}", "both");
                if (half is null && (min is null || max is null))
                    throw yaml.Error(node, $"'min' and 'max', or 'half_width' in {what}", "neither");
                if (min >= max) throw yaml.Error(Get("max")!, $"{what}.max greater than min ({min})", $"{max}");
                return new UniformSpread(min, max, half);
            default:
                throw yaml.Error(distNode, "a distribution: normal, lognormal or uniform", $"'{((YamlScalarNode)distNode).Value}'");
        }
    }
}
