using System.Globalization;
using DapCu.Twin.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Loading;

/// <summary>Reads 'targets:': each row checks a metric by band, ordering, monotonic rise or closeness.</summary>
internal static class TargetReader
{
    private static readonly string[] Keys = ["id", "description", "paper", "band_text", "metric", "cell", "band", "greater", "than", "by", "increasing", "within", "of"];

    public static IReadOnlyList<TargetSpec> Read(YamlNodeReader y, YamlNode node, IReadOnlySet<string> labels)
    {
        var list = new List<TargetSpec>();
        foreach (var item in y.Sequence(node, "targets"))
        {
            var map = y.Mapping(item, "a target");
            y.OnlyKeys(map, "a target", Keys);
            var id = Required(y, map, "id");
            var metric = ReadMetric(y, YamlNodeReader.FindIgnoringCase(map, "metric") ?? throw y.Error(map, $"'metric:' for target {id}", "none"));
            if (!MetricLibrary.Knows(metric.Name))
                throw y.Error(YamlNodeReader.FindIgnoringCase(map, "metric")!, $"a known metric: {string.Join(", ", MetricLibrary.Names)}");
            TargetCheck check;
            string band;
            if (YamlNodeReader.FindIgnoringCase(map, "band") is { } b)
            {
                var range = y.Sequence(b, "band [min, max]");
                if (range.Children.Count != 2) throw y.ErrorFound(b, "band as [min, max] (use null for an open end)");
                double? End(YamlNode n) => n is YamlScalarNode { Value: null or "" or "null" or "~" } ? null : y.Number(n, "a band end");
                var (min, max) = (End(range[0]), End(range[1]));
                check = new BandCheck(metric, Label(y, map, "cell", labels), min, max);
                band = $"{Fmt(min)} - {Fmt(max)}";
            }
            else if (YamlNodeReader.FindIgnoringCase(map, "greater") is not null)
            {
                var by = YamlNodeReader.FindIgnoringCase(map, "by") is { } byNode ? y.Number(byNode, "by", 0) : 0.0;
                check = new GreaterCheck(metric, Label(y, map, "greater", labels), Label(y, map, "than", labels), by);
                band = by > 0 ? $"{((GreaterCheck)check).Greater} > {((GreaterCheck)check).Than} + {Fmt(by)}" : $"{((GreaterCheck)check).Greater} > {((GreaterCheck)check).Than}";
            }
            else if (YamlNodeReader.FindIgnoringCase(map, "increasing") is { } inc)
            {
                var cells = y.Sequence(inc, "increasing").Select(n => CheckLabel(y, n, labels)).ToList();
                if (cells.Count < 2) throw y.ErrorFound(inc, "at least two cells to compare");
                check = new IncreasingCheck(metric, cells);
                band = "strictly increasing: " + string.Join(" < ", cells);
            }
            else if (YamlNodeReader.FindIgnoringCase(map, "within") is { } w)
            {
                var tol = y.Number(w, "within (relative tolerance)", 0);
                check = new WithinCheck(metric, Label(y, map, "cell", labels), Label(y, map, "of", labels), tol);
                band = $"within {tol * 100:G3} % of {((WithinCheck)check).Of}";
            }
            else throw y.Error(map, $"one of band, greater/than, increasing, within/of for target {id}", "none");

            band = YamlNodeReader.FindIgnoringCase(map, "band_text") is { } bt ? y.Text(bt, "band_text") : band;
            list.Add(new TargetSpec(id,
                YamlNodeReader.FindIgnoringCase(map, "description") is { } d ? y.Text(d, "description") : "",
                YamlNodeReader.FindIgnoringCase(map, "paper") is { } p ? y.Text(p, "paper") : "",
                band, check, (int)map.Start.Line));
        }
        return list;
    }

    private static MetricRef ReadMetric(YamlNodeReader y, YamlNode node)
    {
        if (node is YamlScalarNode) return new MetricRef(y.Text(node, "metric"), new Dictionary<string, string>());
        var map = y.Mapping(node, "metric (a name, or a mapping with 'name' and arguments)");
        var name = Required(y, map, "name");
        var args = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in map.Children)
        {
            var key = y.Text(k, "an argument name");
            if (key.Equals("name", StringComparison.OrdinalIgnoreCase)) continue;
            args[key] = v is YamlSequenceNode seq ? string.Join(",", seq.Select(x => y.Text(x, key))) : y.Text(v, key);
        }
        return new MetricRef(name, args);
    }

    private static string Required(YamlNodeReader y, YamlMappingNode map, string key) =>
        YamlNodeReader.FindIgnoringCase(map, key) is { } n ? y.Text(n, key) : throw y.Error(map, $"'{key}:'", "none");

    private static string Label(YamlNodeReader y, YamlMappingNode map, string key, IReadOnlySet<string> labels) =>
        CheckLabel(y, YamlNodeReader.FindIgnoringCase(map, key) ?? throw y.Error(map, $"'{key}:' naming a cell", "none"), labels);

    private static string CheckLabel(YamlNodeReader y, YamlNode node, IReadOnlySet<string> labels)
    {
        var label = y.Text(node, "a cell label");
        return labels.Contains(label) ? label : throw y.Error(node, $"a cell label of this scenario: {string.Join(", ", labels)}");
    }

    private static string Fmt(double? x) => x is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "open";
}
