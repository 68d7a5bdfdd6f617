namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>Seeded randomness only: a seed fixes every number of a run.</summary>
public class DeterminismTests
{
    // C2: PL half cell, 1 mAh/cm2 at 1 mA/cm2, strip to 1 V; dead-Li spread and re-connection are random.
    private const string CeProtocol = """
        Repeat 100 times:
          Discharge at 1 mA/cm2 for 1 h
          Charge at 1 mA/cm2 until 1 V
        """;

    [Fact]
    public void Same_seed_gives_identical_cycle_records()
    {
        var a = RunnerCells.Result(RunnerCells.HalfPl, CeProtocol, seed: 2024).Cycles;
        var b = RunnerCells.Result(RunnerCells.HalfPl, CeProtocol, seed: 2024).Cycles;
        Assert.Equal(100, a.Count);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Different_seeds_give_different_PL_fluctuations()
    {
        var a = RunnerCells.Result(RunnerCells.HalfPl, CeProtocol, seed: 1).Cycles.Select(c => c.CoulombicEfficiency).ToList();
        var b = RunnerCells.Result(RunnerCells.HalfPl, CeProtocol, seed: 2).Cycles.Select(c => c.CoulombicEfficiency).ToList();
        var differing = a.Zip(b).Count(p => Math.Abs(p.First - p.Second) > 1e-6);
        Assert.True(differing > 50, $"only {differing} of 100 cycles differ between seeds");
        Assert.All(a.Concat(b), ce => Assert.True(double.IsFinite(ce) && ce > 0)); // re-connected dead Li can lift a cycle above 100 %
    }
}
