using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Yaml;

/// <summary>
/// Reads typed values out of a raw YAML node and turns every mistake into a <see cref="ScenarioException"/>
/// that names the file, line and column of the offending node and what was expected there.
/// </summary>
public sealed class YamlNodeReader(string sourcePath)
{
    public string SourcePath { get; } = sourcePath;

    /// <summary>"file:line:column: expected …, found …" at the node.</summary>
    public ScenarioException Error(YamlNode node, string expected, string? found = null) =>
        new(SourcePath, (int)node.Start.Line, (int)node.Start.Column, expected, found);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} as a mapping (key: value lines)", Describe(node));

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} as a list like [1, 2, 3]", Describe(node));

    public string Text(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } ? text
            : throw Error(node, $"{what} as a word or number", Describe(node));

    public double Number(YamlNode node, string what)
    {
        var text = Text(node, what);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(node, $"{what} as a plain number (no unit: the unit is in the key's name)", $"'{text}'");
    }

    public int Integer(YamlNode node, string what, int min, int max)
    {
        var text = Text(node, what);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Error(node, $"{what} as a whole number", $"'{text}'");
        if (value < min || value > max) throw Error(node, $"{what} between {min} and {max}", value.ToString(CultureInfo.InvariantCulture));
        return value;
    }

    public double Positive(YamlNode node, string what)
    {
        var value = Number(node, what);
        return value > 0 ? value : throw Error(node, $"{what} greater than 0", value.ToString(CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<double> Numbers(YamlNode node, string what)
    {
        var list = Sequence(node, what);
        if (list.Children.Count == 0) throw Error(node, $"{what} to list at least one value", "an empty list");
        return list.Children.Select((n, i) => Number(n, $"{what}[{i}]")).ToArray();
    }

    /// <summary>The mapping's entries in file order; rejects keys outside <paramref name="allowed"/>.</summary>
    public IReadOnlyList<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode map, string what, params string[] allowed)
    {
        var entries = new List<(YamlScalarNode, YamlNode)>();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = keyNode as YamlScalarNode ?? throw Error(keyNode, $"plain words as keys of {what}", Describe(keyNode));
            if (allowed.Length > 0 && !allowed.Contains(key.Value, StringComparer.Ordinal))
                throw Error(key, $"one of {string.Join(", ", allowed)} in {what}", $"unknown key '{key.Value}'");
            entries.Add((key, value));
        }
        return entries;
    }

    public static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}
