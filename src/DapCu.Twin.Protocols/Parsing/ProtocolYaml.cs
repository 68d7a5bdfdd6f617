using DapCu.Twin.Protocols.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>Reads a protocol from YAML. Accepted shapes (the <c>protocol:</c> key is optional):
/// <code>
/// protocol:
///   stop_on_short: true
///   steps:
///     - repeat: 100
///       steps:
///         - discharge: { current: 1 mA/cm2, for: 1 h }
///         - charge: { current: 1 mA/cm2, until: 1 V }
///         - rest: { for: 10 min }
///         - hold: { voltage: 3.6 V, until: 0.05 mA/cm2 }
///         - Discharge at 1 mA/cm2 for 1 h        # a step in the text form
/// </code>
/// or a bare list of steps, or the whole text form as a block scalar (<c>protocol: |</c>).</summary>
public static class ProtocolYaml
{
    public static Protocol Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            var (line, column, message) = YamlSyntaxError.Locate(e, yaml);
            throw new ProtocolSyntaxException(sourceName, line, column, "valid YAML", $"a syntax error: {message}");
        }
        if (stream.Documents.Count == 0)
            throw new ProtocolSyntaxException(sourceName, 1, 1, "a protocol", "an empty document");
        return Parse(stream.Documents[0].RootNode, sourceName, yaml.Split('\n'));
    }

    public static Protocol Parse(YamlNode node, string sourceName) => Parse(node, sourceName, sourceLines: null);

    /// <summary>A protocol node of a larger YAML document whose text is given, so that errors inside a
    /// block-scalar text protocol ('protocol: |') get exact columns.</summary>
    public static Protocol Parse(YamlNode node, string sourceName, string documentText) =>
        Parse(node, sourceName, documentText.Split('\n'));

    private static Protocol Parse(YamlNode node, string source, string[]? sourceLines)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is YamlMappingNode root && YamlScalar.Find(root, "protocol") is { } inner) node = inner;
        switch (node)
        {
            case YamlScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded } text:
                var (line, column) = BlockStart(text, sourceLines);
                return ProtocolText.Parse(text.Value ?? "", source, line, column);
            case YamlSequenceNode steps:
                return new Protocol(YamlSteps.ReadList(source, steps));
            case YamlMappingNode map:
                YamlScalar.RejectUnknownKeys(source, map, "a protocol", "stop_on_short", "safety_limits", "steps");
                var stepsNode = YamlScalar.Find(map, "steps")
                    ?? throw YamlScalar.Error(source, map, "'steps:' with a list of steps in the protocol", "no 'steps'");
                if (stepsNode is not YamlSequenceNode list)
                    throw YamlScalar.Error(source, stepsNode, "a list of steps under 'steps:'");
                var stop = YamlScalar.Find(map, "stop_on_short") is { } s ? ReadBool(source, s) : true;
                var safety = YamlScalar.Find(map, "safety_limits") is YamlScalarNode limits
                    ? ProtocolText.ReadVoltageRange(new LineScanner(limits.Value ?? "", source, (int)limits.Start.Line, (int)limits.Start.Column))
                    : ((double, double)?)null;
                if (YamlScalar.Find(map, "safety_limits") is { } bad and not YamlScalarNode)
                    throw YamlScalar.Error(source, bad, "a voltage range for 'safety_limits' (e.g. \"-1 V to 1 V\")");
                return new Protocol(YamlSteps.ReadList(source, list), stop) { SafetyMin_V = safety?.Item1, SafetyMax_V = safety?.Item2 };
            default:
                throw YamlScalar.Error(source, node,
                    "a protocol: a mapping with 'steps:', a list of steps, or the text form as a block ('|')");
        }
    }

    /// <summary>Where a block scalar's first content line starts. Without the source text the indentation is
    /// unknown, so columns are then counted from the start of the block's content.</summary>
    private static (int Line, int Column) BlockStart(YamlScalarNode text, string[]? sourceLines)
    {
        var line = (int)text.Start.Line + 1;
        if (sourceLines is null || line - 1 >= sourceLines.Length) return (line, 1);
        var first = sourceLines.Skip(line - 1).FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        return (line, first.Length - first.TrimStart(' ').Length + 1);
    }

    private static bool ReadBool(string source, YamlNode node) =>
        ((node as YamlScalarNode)?.Value ?? "").Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw YamlScalar.Error(source, node, "true or false for 'stop_on_short'"),
        };
}
