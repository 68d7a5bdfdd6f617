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

    /// <summary>The whole document, when known (for exact columns inside block scalars).</summary>
    public string? Document { get; init; }

    /// <summary>Files read while loading (included parameter files), full paths.</summary>
    public List<string> IncludedFiles { get; } = [];

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

    /// <summary>Like <see cref="Find"/>, ignoring the key's case (scenario keys carry unit suffixes like mAh_cm2).</summary>
    public static YamlNode? FindIgnoringCase(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => string.Equals((c.Key as YamlScalarNode)?.Value, key, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>An error at the node that also says what was found there.</summary>
    public ScenarioException ErrorFound(YamlNode node, string expected) => Error(node, expected, Describe(node));

    /// <summary>A number within [min, max] (min exclusive when asked).</summary>
    public double Number(YamlNode node, string what, double min, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        var x = Number(node, what);
        if (x < min || (minExclusive && x <= min) || x > max)
            throw Error(node, $"{what} {(minExclusive ? ">" : ">=")} {min.ToString(CultureInfo.InvariantCulture)}" +
                              (double.IsPositiveInfinity(max) ? "" : $" and <= {max.ToString(CultureInfo.InvariantCulture)}"),
                Describe(node));
        return x;
    }

    public bool Bool(YamlNode node, string what) => node is YamlScalarNode { Value: { } v } && v.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw Error(node, $"true or false for {what}", Describe(node)),
    };

    public T Enum<T>(YamlNode node, string what, IReadOnlyDictionary<string, T> names)
    {
        var v = Text(node, what);
        return names.TryGetValue(v.ToLowerInvariant(), out var x) ? x
            : throw Error(node, $"one of {string.Join(", ", names.Keys)} for {what}", Describe(node));
    }

    /// <summary>Rejects keys (any case) that are not in the allowed list, suggesting the closest.</summary>
    public void OnlyKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var (k, _) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (allowed.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
            var near = allowed.OrderBy(a => Distance(a, key)).First();
            throw Error(k, $"one of the keys of {what}: {string.Join(", ", allowed)} (did you mean '{near}'?)", $"unknown key '{key}'");
        }
    }

    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant(); b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}
