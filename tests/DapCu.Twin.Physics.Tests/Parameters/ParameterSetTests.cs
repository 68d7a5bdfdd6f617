using System.Reflection;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Parameters;

/// <summary>Every number carries its unit and source; overrides by path round-trip.</summary>
public class ParameterSetTests
{
    private static IEnumerable<Type> ParameterRecords() =>
        typeof(ParameterSet).Assembly.GetTypes()
            .Where(t => t.Namespace == "DapCu.Twin.Physics.Parameters" && t.Name.EndsWith("Parameters", StringComparison.Ordinal));

    [Fact]
    public void Every_double_of_every_parameter_record_carries_a_unit_and_a_source()
    {
        var records = ParameterRecords().ToList();
        Assert.True(records.Count >= 6, $"found only {records.Count} parameter records");
        var missing = new List<string>();
        foreach (var t in records)
        foreach (var p in t.GetProperties().Where(p => p.PropertyType == typeof(double)))
        {
            var meta = p.GetCustomAttribute<ParamAttribute>();
            if (meta is null || string.IsNullOrWhiteSpace(meta.Unit) || string.IsNullOrWhiteSpace(meta.Source))
                missing.Add($"{t.Name}.{p.Name}");
        }
        Assert.True(missing.Count == 0, "without [Param(unit, source)]: " + string.Join(", ", missing));
    }

    [Fact]
    public void Enumerate_lists_every_group_with_unique_paths()
    {
        var paths = ParameterSets.Chen2024.Enumerate().Select(e => e.Path).ToList();
        Assert.Equal(paths.Count, paths.Distinct().Count());
        foreach (var group in new[] { "electrolyte.", "planar_cu.", "dap.", "li_foil.", "host.", "lfp.", "sulfur.", "pouch." })
            Assert.Contains(paths, p => p.StartsWith(group, StringComparison.Ordinal));
        Assert.Contains("dap.interface_resistance_ohm_cm2", paths);
        Assert.Contains("electrolyte.conductivity_mS_cm", paths);
    }

    [Fact]
    public void With_round_trips_through_Enumerate_for_every_path()
    {
        var original = ParameterSets.Chen2024;
        var before = original.Enumerate().ToDictionary(e => e.Path, e => e.Value);
        foreach (var (path, value, _) in original.Enumerate())
        {
            var changed = value * 1.5 + 0.25;
            var copy = original.With(path, changed);
            foreach (var (p, v, _) in copy.Enumerate())
                Assert.True(p == path ? v == changed : v == before[p], $"after With({path}): {p} = {v}");
        }
        // The calibrated set itself is untouched.
        Assert.Equal(before, original.Enumerate().ToDictionary(e => e.Path, e => e.Value));
    }

    [Theory]
    [InlineData("pl.dead_li_fraction", "planar_cu.dead_li_fraction")]
    [InlineData("dap_cu.RoughOnsetCapacity_mAh_cm2", "dap.rough_onset_capacity_mAh_cm2")]
    [InlineData("s.shuttle_constant_per_h", "sulfur.shuttle_constant_per_h")]
    public void Group_aliases_and_spellings_reach_the_same_parameter(string spelled, string canonical)
    {
        var copy = ParameterSets.Chen2024.With(spelled, 0.123);
        Assert.Equal(0.123, copy.Enumerate().Single(e => e.Path == canonical).Value);
    }

    [Theory]
    [InlineData("dap.no_such_parameter")]
    [InlineData("anode.interface_resistance_ohm_cm2")]
    [InlineData("interface_resistance_ohm_cm2")]
    [InlineData(".x")]
    public void Unknown_paths_throw_naming_the_path(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterSets.Chen2024.With(path, 1.0));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Non_finite_values_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterSets.Chen2024.With("dap.dead_li_fraction", double.NaN));
        Assert.Contains("dap.dead_li_fraction", e.Message);
    }
}
