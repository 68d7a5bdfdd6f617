using DapCu.Twin.Scenarios.Metrics;
using DapCu.Twin.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Sweeps;

/// <summary>One swept parameter: an override key (see <see cref="ScenarioOverrides"/>) and its values.</summary>
public sealed record SweepAxis(string Key, IReadOnlyList<double> Values, YamlNode KeyNode);

/// <summary>One point of a sweep: a value for every axis, in axis order.</summary>
public sealed record SweepPoint(int Index, IReadOnlyList<(string Key, double Value)> Overrides);

/// <summary>
/// A what-if sweep from a scenario's <c>sweep:</c> node. Either one parameter:
/// <code>sweep: { parameter: np_ratio, values: [0.5, 0.8, 1.0], metric: first_discharge_mAh_g }</code>
/// or a full grid (first key varies slowest):
/// <code>sweep: { grid: { np_ratio: [1, 2], current_density_mA_cm2: [1, 5] }, metric: mean_ce }</code>
/// </summary>
public sealed record SweepSpec(IReadOnlyList<SweepAxis> Axes, string Metric)
{
    public const string DefaultMetric = "first_discharge_mAh_cm2";
    public const int MaxPoints = 10_000;

    public IReadOnlyList<SweepPoint> Points()
    {
        var points = new List<SweepPoint>();
        var index = new int[Axes.Count];
        int count = Axes.Aggregate(1, (n, a) => n * a.Values.Count);
        for (int p = 0; p < count; p++)
        {
            // Odometer order: the last axis turns fastest.
            int rest = p;
            for (int a = Axes.Count - 1; a >= 0; a--)
            {
                index[a] = rest % Axes[a].Values.Count;
                rest /= Axes[a].Values.Count;
            }
            points.Add(new SweepPoint(p, Axes.Select((axis, a) => (axis.Key, axis.Values[index[a]])).ToArray()));
        }
        return points;
    }

    public static SweepSpec Parse(YamlMappingNode node, string sourcePath)
    {
        var yaml = new YamlNodeReader(sourcePath);
        var entries = yaml.Entries(node, "sweep", "parameter", "values", "grid", "metric");
        YamlNode? Get(string key) => entries.FirstOrDefault(e => e.Key.Value == key).Value;

        var axes = new List<SweepAxis>();
        var grid = Get("grid");
        var parameter = Get("parameter");
        if (grid is not null && parameter is not null)
            throw yaml.Error(grid, "either 'parameter' with 'values', or 'grid' in sweep", "both");
        if (grid is not null)
        {
            if (Get("values") is { } stray) throw yaml.Error(stray, "a list per key inside sweep.grid ('values' goes with 'parameter')", "'values' beside 'grid'");
            foreach (var (key, values) in yaml.Entries(yaml.Mapping(grid, "sweep.grid"), "sweep.grid"))
                axes.Add(new SweepAxis(key.Value!, yaml.Numbers(values, $"sweep.grid.{key.Value}"), key));
            if (axes.Count == 0) throw yaml.Error(grid, "at least one parameter with a list of values in sweep.grid", "none");
        }
        else if (parameter is not null)
        {
            var values = Get("values") ?? throw yaml.Error(node, "'values: [..]' beside sweep.parameter", "no values");
            axes.Add(new SweepAxis(yaml.Text(parameter, "sweep.parameter"), yaml.Numbers(values, "sweep.values"), parameter));
        }
        else throw yaml.Error(node, "'parameter' with 'values', or 'grid' in sweep", "neither");

        var duplicate = axes.GroupBy(a => a.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw yaml.Error(duplicate.Last().KeyNode, "each parameter swept once", $"'{duplicate.Key}' twice");

        long points = axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        if (points > MaxPoints) throw yaml.Error(grid ?? node, $"at most {MaxPoints} sweep points", points.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var metric = DefaultMetric;
        if (Get("metric") is { } metricNode)
        {
            metric = yaml.Text(metricNode, "sweep.metric");
            if (!RunMetrics.IsKnown(metric))
                throw yaml.Error(metricNode, $"a metric, one of {string.Join(", ", RunMetrics.All.Keys)}", $"'{metric}'");
        }
        return new SweepSpec(axes, metric);
    }

    /// <summary>Checks every axis against the scenario by applying its first value, so a misspelt
    /// parameter is reported at its line before anything runs.</summary>
    public void Validate(Scenario scenario)
    {
        var yaml = new YamlNodeReader(scenario.SourcePath);
        foreach (var axis in Axes)
        {
            foreach (var value in axis.Values)
            {
                try { ScenarioOverrides.Apply(scenario, axis.Key, value); }
                catch (Exception e) when (e is ArgumentException or Physics.Design.CellDesignException)
                {
                    throw yaml.Error(axis.KeyNode, $"a parameter that can take {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({e.Message})");
                }
            }
        }
    }
}
