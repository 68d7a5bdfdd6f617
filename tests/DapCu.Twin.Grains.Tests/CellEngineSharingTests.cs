using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Engine;

namespace DapCu.Twin.Grains.Tests;

/// <summary>CellGrains of one scenario variant share one immutable model; a cell built on it is the cell built alone.</summary>
public class CellEngineSharingTests
{
    private static readonly CellSetup Setup = new(TinyScenario.Yaml, "tiny-lfp.yaml", "DAP", [], 11);

    [Fact]
    public void Cells_of_one_variant_share_one_model_and_protocol_and_differ_by_seed_only()
    {
        var a = CellEngine.Shared(Setup);
        var b = CellEngine.Shared(Setup with { Seed = 12, ScenarioYaml = new string(TinyScenario.Yaml.AsSpan()) }); // same text, another string
        Assert.Same(a.Model, b.Model);
        Assert.Same(a.Definition.Cursor, b.Definition.Cursor);
        Assert.Same(a.Definition.Yaml, b.Definition.Yaml);
        Assert.NotEqual(a.InitialState().Rng, b.InitialState().Rng);
    }

    [Fact]
    public void Another_variant_or_other_overrides_get_a_model_of_their_own()
    {
        var nominal = CellEngine.Shared(Setup);
        Assert.NotSame(nominal.Model, CellEngine.Shared(Setup with { Variant = "PL" }).Model);
        var moreLi = CellEngine.Shared(Setup with { Overrides = [new CellOverride("np_ratio", 1.5)] });
        Assert.NotSame(nominal.Model, moreLi.Model);
        Assert.Equal(1.2, nominal.Model.Design.NpRatio); // as the scenario says
        Assert.Equal(1.5, moreLi.Model.Design.NpRatio);
    }

    [Fact]
    public void A_cell_on_a_shared_model_steps_bit_identically_to_one_built_alone()
    {
        CellEngine.Cell shared = CellEngine.Shared(Setup), alone = CellEngine.Build(Setup);
        Assert.NotSame(shared.Model, alone.Model);
        var (s1, s2) = (shared.InitialState(), alone.InitialState());
        for (var i = 0; i < 50; i++)
        {
            var current = i % 2 == 0 ? -1.0 : 1.0;
            Assert.Equal(alone.Advance(ref s2, current, 600), shared.Advance(ref s1, current, 600));
        }
        Assert.Equal(CellEngine.Snapshot(s2), CellEngine.Snapshot(s1));
    }
}
