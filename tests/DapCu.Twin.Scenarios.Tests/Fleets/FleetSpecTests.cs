using DapCu.Twin.Scenarios.Fleets;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Tests.Fleets;

public class FleetSpecTests
{
    private static YamlMappingNode Node(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("fleet")];
    }

    [Fact]
    public void Parses_the_documented_example()
    {
        var spec = FleetSpec.Parse(Node("""
            fleet:
              cells: 1000
              seed: 7
              spread:
                "kinetics.exchange_current_density_mA_cm2": { dist: lognormal, sigma: 0.1 }
                np_ratio: { dist: normal, sd: 0.02 }
                separator_thickness_um: { dist: uniform, min: 24, max: 26 }
            """), "f.yaml", defaultSeed: 1);
        Assert.Equal(1000, spec.Cells);
        Assert.Equal(7, spec.Seed);
        Assert.Equal(["kinetics.exchange_current_density_mA_cm2", "np_ratio", "separator_thickness_um"], spec.Spreads.Select(s => s.Key));
        Assert.Equal(new LogNormalSpread(0.1), spec.Spreads[0].Spread);
        Assert.Equal(new NormalSpread(0.02, null), spec.Spreads[1].Spread);
        Assert.Equal(new UniformSpread(24, 26, null), spec.Spreads[2].Spread);
    }

    [Theory]
    [InlineData("fleet:\n  cels: 10\n", 2, 3, "expected one of cells, seed, spread in fleet, found unknown key 'cels'")]
    [InlineData("fleet:\n  cells: -4\n", 2, 10, "expected fleet.cells between 1 and 10000000, found -4")]
    [InlineData("fleet:\n  cells: 10\n  spread:\n    np_ratio: { dist: gauss, sd: 1 }\n", 4, 23, "expected a distribution: normal, lognormal or uniform, found 'gauss'")]
    [InlineData("fleet:\n  cells: 10\n  spread:\n    np_ratio: { dist: normal, sigma: 1 }\n", 4, 31, "expected sd or rel_sd for dist: normal, found 'sigma'")]
    [InlineData("fleet:\n  cells: 10\n  spread:\n    np_ratio: { dist: lognormal, sigma: 0.1mV }\n", 4, 41, "expected fleet.spread.np_ratio.sigma as a plain number")]
    [InlineData("fleet:\n  cells: 10\n  spread:\n    np_ratio: { dist: uniform, min: 2, max: 1 }\n", 4, 45, "expected fleet.spread.np_ratio.max greater than min (2), found 1")]
    [InlineData("fleet:\n  seed: 3\n", 2, 3, "expected 'cells: N' in fleet")]
    public void Errors_name_file_line_column_and_what_was_expected(string yaml, int line, int column, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => FleetSpec.Parse(Node(yaml), "scenarios/x.yaml", 1));
        Assert.StartsWith($"scenarios/x.yaml:{line}:{column}: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Draws_depend_on_seed_and_index_only_and_follow_their_distributions()
    {
        var spec = new FleetSpec(20_000, 7, [
            new SpreadEntry("a", new LogNormalSpread(0.1), new YamlScalarNode("a")),
            new SpreadEntry("b", new NormalSpread(0.02, null), new YamlScalarNode("b")),
            new SpreadEntry("c", new UniformSpread(null, null, 0.5), new YamlScalarNode("c")),
        ]);
        var sampler = new FleetSampler(spec, key => key switch { "a" => 2.0, "b" => 1.2, _ => 10.0 });
        var forward = Enumerable.Range(0, spec.Cells).Select(sampler.Draw).ToArray();
        var again = new FleetSampler(spec, key => key switch { "a" => 2.0, "b" => 1.2, _ => 10.0 }).Draw(12_345);
        Assert.Equal(forward[12_345].Overrides, again.Overrides);
        Assert.Equal(forward[12_345].Seed, again.Seed);

        // Lognormal median = nominal, sd of ln = sigma; normal mean/sd; uniform bounds.
        var a = forward.Select(c => Math.Log(c.Overrides[0].Value / 2.0)).ToArray();
        Assert.Equal(0, a.Average(), 0.003);
        Assert.Equal(0.1, MathNet.Numerics.Statistics.Statistics.StandardDeviation(a), 0.003);
        var b = forward.Select(c => c.Overrides[1].Value).ToArray();
        Assert.Equal(1.2, b.Average(), 0.001);
        Assert.Equal(0.02, MathNet.Numerics.Statistics.Statistics.StandardDeviation(b), 0.001);
        var c = forward.Select(c => c.Overrides[2].Value).ToArray();
        Assert.True(c.Min() >= 9.5 && c.Max() <= 10.5 && c.Min() < 9.51 && c.Max() > 10.49);
        // Distinct cells get distinct streams.
        Assert.Equal(spec.Cells, forward.Select(f => f.Seed).Distinct().Count());
    }
}
