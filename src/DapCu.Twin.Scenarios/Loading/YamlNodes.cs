using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Loading;

/// <summary>Typed reads of YAML nodes that fail with file, line, column and what was expected.</summary>
internal sealed class YamlNodes(string file)
{
    public string File { get; } = file;
    /// <summary>The whole document, when known (for exact columns inside block scalars).</summary>
    public string? Document { get; init; }

    public ScenarioException Error(YamlNode node, string expected, string? found = null) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, expected, found ?? Describe(node));

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "nothing",
    };

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"a mapping for {what}");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"a list for {what}");

    public string Text(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(node, $"text for {what}");

    public double Number(YamlNode node, string what, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        if (node is not YamlScalarNode { Value: { } v } ||
            !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
            throw Error(node, $"a number for {what}");
        if (x < min || (minExclusive && x <= min) || x > max)
            throw Error(node, $"{what} {(minExclusive ? ">" : ">=")} {min.ToString(CultureInfo.InvariantCulture)}" +
                              (double.IsPositiveInfinity(max) ? "" : $" and <= {max.ToString(CultureInfo.InvariantCulture)}"));
        return x;
    }

    public int Integer(YamlNode node, string what, int min = int.MinValue)
    {
        if (node is not YamlScalarNode { Value: { } v } || !int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x))
            throw Error(node, $"a whole number for {what}");
        if (x < min) throw Error(node, $"{what} >= {min}");
        return x;
    }

    public bool Bool(YamlNode node, string what) => node is YamlScalarNode { Value: { } v } && v.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw Error(node, $"true or false for {what}"),
    };

    public T Enum<T>(YamlNode node, string what, IReadOnlyDictionary<string, T> names)
    {
        var v = Text(node, what);
        return names.TryGetValue(v.ToLowerInvariant(), out var x) ? x
            : throw Error(node, $"one of {string.Join(", ", names.Keys)} for {what}");
    }

    /// <summary>Rejects keys that are not in the allowed list, suggesting the closest.</summary>
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

    public static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => string.Equals((c.Key as YamlScalarNode)?.Value, key, StringComparison.OrdinalIgnoreCase)).Value;

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
}
