using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Tests.Parameters;

/// <summary>Get reads a path the way With writes it, aliases included.</summary>
public sealed class ParameterSetGetTests
{
    [Fact]
    public void Get_returns_what_With_set_through_any_alias()
    {
        var set = ParameterSets.Chen2024.With("pl.interface_resistance_ohm_cm2", 33.0);
        Assert.Equal(33.0, set.Get("planar_cu.interface_resistance_ohm_cm2"));
        Assert.Equal(33.0, set.Get("PL.InterfaceResistance_ohm_cm2"));
        // Xu2019 exchange current density, the record's documented default.
        Assert.Equal(7.1, set.Get("dap.exchange_current_density_mA_cm2"));
    }

    [Fact]
    public void Get_of_an_unknown_path_names_it()
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterSets.Chen2024.Get("dap.no_such"));
        Assert.Contains("dap.no_such", e.Message);
    }
}
