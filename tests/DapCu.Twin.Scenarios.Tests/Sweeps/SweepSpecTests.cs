using DapCu.Twin.Scenarios.Sweeps;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Tests.Sweeps;

public class SweepSpecTests
{
    private static YamlMappingNode Node(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("sweep")];
    }

    [Fact]
    public void A_list_sweep_has_one_point_per_value()
    {
        var spec = SweepSpec.Parse(Node("sweep: { parameter: np_ratio, values: [0.5, 0.8, 1.0], metric: first_discharge_mAh_g }"), "s.yaml");
        Assert.Equal("first_discharge_mAh_g", spec.Metric);
        Assert.Equal([0.5, 0.8, 1.0], spec.Points().Select(p => p.Overrides.Single().Value));
    }

    [Fact]
    public void A_grid_is_the_full_product_with_the_last_key_turning_fastest()
    {
        var spec = SweepSpec.Parse(Node("sweep:\n  grid: { np_ratio: [1, 2, 3], current_density_mA_cm2: [1, 5] }\n"), "s.yaml");
        Assert.Equal(SweepSpec.DefaultMetric, spec.Metric);
        var points = spec.Points();
        Assert.Equal(6, points.Count);
        Assert.Equal([(1.0, 1.0), (1, 5), (2, 1), (2, 5), (3, 1), (3, 5)],
            points.Select(p => (p.Overrides[0].Value, p.Overrides[1].Value)));
        Assert.All(points, p => Assert.Equal(["np_ratio", "current_density_mA_cm2"], p.Overrides.Select(o => o.Key)));
    }

    [Theory]
    [InlineData("sweep: { parameter: np_ratio, valeus: [1] }", 1, 31, "found unknown key 'valeus'")]
    [InlineData("sweep: { parameter: np_ratio }", 1, 8, "expected 'values: [..]' beside sweep.parameter")]
    [InlineData("sweep: { parameter: np_ratio, values: [1, 2 mAh] }", 1, 43, "expected sweep.values[1] as a plain number (no unit: the unit is in the key's name), found '2 mAh'")]
    [InlineData("sweep: { parameter: np_ratio, values: [] }", 1, 39, "expected sweep.values to list at least one value")]
    [InlineData("sweep: { parameter: np_ratio, values: [1], metric: capacity }", 1, 52, "found 'capacity'")]
    [InlineData("sweep:\n  grid: { np_ratio: 1 }\n", 2, 21, "expected sweep.grid.np_ratio as a list like [1, 2, 3], found '1'")]
    [InlineData("sweep: { parameter: a, values: [1], grid: { b: [1] } }", 1, 43, "expected either 'parameter' with 'values', or 'grid' in sweep, found both")]
    public void Errors_name_file_line_column_and_what_was_expected(string yaml, int line, int column, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => SweepSpec.Parse(Node(yaml), "scenarios/s.yaml"));
        Assert.StartsWith($"scenarios/s.yaml:{line}:{column}: ", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
