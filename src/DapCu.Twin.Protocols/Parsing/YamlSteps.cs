using DapCu.Twin.Protocols.Model;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>Reads the steps of a YAML protocol: <c>{ repeat: N, steps: [...] }</c>, a one-key mapping such as
/// <c>discharge: { current: 1 mA/cm2, for: 1 h }</c>, or a string in the text form.</summary>
internal static class YamlSteps
{
    public static List<ProtocolNode> ReadList(string source, YamlSequenceNode list)
    {
        if (list.Children.Count == 0)
            throw YamlScalar.Error(source, list, "at least one step in the list", "an empty list");
        return list.Children.Select(item => ReadNode(source, item)).ToList();
    }

    private static ProtocolNode ReadNode(string source, YamlNode item)
    {
        switch (item)
        {
            case YamlScalarNode:
                var scanner = YamlScalar.Scanner(source, item);
                if (scanner.Peek() == '(') return StepGroup.Parse(scanner);
                return StepParser.Parse(scanner);
            case YamlMappingNode map when YamlScalar.Find(map, "repeat") is { } count:
                return ReadLoop(source, map, count);
            case YamlMappingNode { Children.Count: 1 } map:
                var (key, value) = map.Children.Single();
                var name = ((key as YamlScalarNode)?.Value ?? "").Trim();
                if (!StepParser.Actions.TryGetValue(name, out var kind))
                    throw YamlScalar.Error(source, key, "a step (charge, discharge, plate, strip, rest, hold) or 'repeat'",
                        $"'{name}'", Suggest.DidYouMean(name, [.. StepParser.Actions.Keys.Select(k => k.ToLowerInvariant()), "repeat"]));
                return ReadStep(source, kind, name, value, key);
            default:
                throw YamlScalar.Error(source, item,
                    "a step: a one-key mapping like 'charge: { current: 1 mA/cm2, for: 1 h }', " +
                    "'repeat: N' with 'steps:', or a text step like 'Rest for 10 min'");
        }
    }

    private static ProtocolLoop ReadLoop(string source, YamlMappingNode map, YamlNode countNode)
    {
        YamlScalar.RejectUnknownKeys(source, map, "a repeat", "repeat", "steps");
        var s = YamlScalar.Scanner(source, countNode);
        var count = s.ReadWholeNumber("a whole repeat count after 'repeat:'");
        if (!s.AtEnd) throw s.ErrorHere("a whole repeat count after 'repeat:'");
        if (count < 1) throw YamlScalar.Error(source, countNode, "a repeat count of at least 1");
        var steps = YamlScalar.Find(map, "steps")
            ?? throw YamlScalar.Error(source, map, "'steps:' with the list of steps to repeat", "no 'steps'");
        if (steps is not YamlSequenceNode list)
            throw YamlScalar.Error(source, steps, "a list of steps under 'steps:'");
        return new ProtocolLoop(count, ReadList(source, list), YamlScalar.Location(map));
    }

    private static ProtocolStep ReadStep(string source, StepKind kind, string name, YamlNode value, YamlNode at)
    {
        var allowed = kind switch
        {
            StepKind.Rest => new[] { "for" },
            StepKind.Hold => ["voltage", "for", "until"],
            _ => ["current", "for", "until"],
        };
        if (value is not YamlMappingNode fields)
            throw YamlScalar.Error(source, value, $"a mapping with {string.Join(", ", allowed.Select(k => $"'{k}:'"))} under '{name}:'",
                hint: $"e.g. {Example(kind)}");
        if (kind == StepKind.Rest && YamlScalar.Find(fields, "current") is { } restCurrent)
            throw YamlScalar.Error(source, restCurrent, "only 'for:' in a rest step", hint: "a rest has no current");
        YamlScalar.RejectUnknownKeys(source, fields, $"a {name} step", allowed);

        CurrentSpec? current = null;
        double? holdVoltage = null, duration = null;
        var cutoffs = new List<Cutoff>();
        if (YamlScalar.Find(fields, "current") is { } c)
            current = Whole(source, c, s => StepParser.ReadPositive(s, "current", QuantityKind.Current).AsCurrent);
        if (YamlScalar.Find(fields, "voltage") is { } v)
            holdVoltage = Whole(source, v, s => s.ReadQuantity("voltage", QuantityKind.Voltage).Value);
        if (YamlScalar.Find(fields, "for") is { } f)
            duration = Whole(source, f, s => StepParser.ReadPositive(s, "time", QuantityKind.Time).Value);
        if (YamlScalar.Find(fields, "until") is { } u)
        {
            var items = u is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[u];
            foreach (var item in items)
                Whole(source, item, s => { StepParser.ReadCutoffList(s, kind, cutoffs); return 0; });
        }

        if (kind is StepKind.Charge or StepKind.Discharge && current is null)
            throw YamlScalar.Error(source, at, $"'current:' in the {name} step", "none", $"e.g. {Example(kind)}");
        if (kind == StepKind.Hold && holdVoltage is null)
            throw YamlScalar.Error(source, at, "'voltage:' in the hold step", "none", $"e.g. {Example(kind)}");
        if (duration is null && cutoffs.Count == 0)
            throw YamlScalar.Error(source, at, $"'for:'{(kind == StepKind.Rest ? "" : " or 'until:'")} in the {name} step (a step must end)",
                "neither", $"e.g. {Example(kind)}");
        return new ProtocolStep(kind, current, holdVoltage, duration, cutoffs, YamlScalar.Location(at));
    }

    /// <summary>Reads a scalar with <paramref name="read"/>, which must consume all of it.</summary>
    private static T Whole<T>(string source, YamlNode node, Func<LineScanner, T> read)
    {
        var s = YamlScalar.Scanner(source, node);
        var result = read(s);
        if (!s.AtEnd) throw s.ErrorHere("end of the value");
        return result;
    }

    private static string Example(StepKind kind) => kind switch
    {
        StepKind.Rest => "'rest: { for: 10 min }'",
        StepKind.Hold => "'hold: { voltage: 4.2 V, until: 0.05 mA/cm2 }'",
        StepKind.Charge => "'charge: { current: 1 mA/cm2, until: 1 V }'",
        _ => "'discharge: { current: 1 mA/cm2, for: 1 h }'",
    };
}
