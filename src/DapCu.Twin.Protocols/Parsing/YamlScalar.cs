using DapCu.Twin.Protocols.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>Error and scanner helpers that point at YAML nodes by their marks.</summary>
internal static class YamlScalar
{
    public static ProtocolSyntaxException Error(string source, YamlNode node, string expected,
        string? found = null, string? hint = null) =>
        new(source, (int)node.Start.Line, (int)node.Start.Column, expected, found ?? Describe(node), hint);

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    /// <summary>A scanner over a one-line scalar whose columns map onto the YAML source (a quoted scalar's text
    /// starts one column after its quote; escapes inside quotes may shift later columns slightly).</summary>
    public static LineScanner Scanner(string source, YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { } value } scalar || value.Length == 0)
            throw Error(source, node, "a value such as '1 mA/cm2' or '1 h'");
        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        var block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
        var line = (int)node.Start.Line + (block ? 1 : 0);
        return new LineScanner(value.TrimEnd('\n'), source, line, (int)node.Start.Column + (quoted ? 1 : 0));
    }

    public static string Key(KeyValuePair<YamlNode, YamlNode> entry) => ((entry.Key as YamlScalarNode)?.Value ?? "").Trim();

    public static void RejectUnknownKeys(string source, YamlMappingNode map, string where, params string[] allowed)
    {
        foreach (var entry in map.Children)
        {
            var key = Key(entry);
            if (!allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw Error(source, entry.Key, $"one of {string.Join(", ", allowed)} in {where}", $"'{key}'",
                    Suggest.DidYouMean(key, allowed));
        }
    }

    public static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(e => Key(e).Equals(key, StringComparison.OrdinalIgnoreCase)).Value;

    public static SourceLocation Location(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);
}
