using DapCu.Twin.Physics.Design;
using DapCu.Twin.Protocols.Running;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>Li inventory stays constant through long runs with cutoffs, rests, CV holds and shorts.</summary>
public class InventoryConservationTests
{
    public static IEnumerable<object[]> Runs() =>
    [
        ["half DAP", """
            Repeat 2000 times:
              Discharge at 1 mA/cm2 for 1 h
              Rest for 10 min
              Charge at 1 mA/cm2 until 1 V
              Rest for 10 min
            """],
        ["half PL", """
            Repeat 2000 times:
              Discharge at 1 mA/cm2 for 1 h
              Rest for 10 min
              Charge at 1 mA/cm2 until 1 V
            """],
        ["symmetric DAP", """
            Repeat 2000 times:
              Charge at 5 mA/cm2 for 12 min
              Rest for 5 min
              Discharge at 5 mA/cm2 for 12 min
              Rest for 5 min
            """],
        // S7: PL at 10 mA/cm2 shorts; the run goes on past it.
        ["symmetric PL", """
            Stop on short: no
            Repeat 1000 times:
              Charge at 10 mA/cm2 for 6 min
              Discharge at 10 mA/cm2 for 6 min
            """],
        ["LFP full", """
            Repeat 1000 times:
              Discharge at 1C until 2.5 V
              Rest for 10 min
              Charge at 1C until 3.8 V
              Hold at 3.8 V until 0.05 mA/cm2
            """],
        ["S full", """
            Repeat 1000 times:
              Discharge at 1C until 1.7 V
              Rest for 10 min
              Charge at 1C until 2.8 V
              Hold at 2.8 V for 30 min or until 0.2 mA/cm2
            """],
    ];

    private static CellDesign Design(string kind) => kind switch
    {
        "half DAP" => RunnerCells.HalfDap,
        "half PL" => RunnerCells.HalfPl,
        "symmetric DAP" => RunnerCells.SymmetricDap,
        "symmetric PL" => RunnerCells.SymmetricPl,
        "LFP full" => RunnerCells.LfpDap,
        _ => RunnerCells.SulfurDap,
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Inventory_total_is_constant_in_every_cycle(string kind, string protocol)
    {
        var design = Design(kind);
        var model = RunnerCells.Model(design);
        var initial = model.CreateInitialState(17);
        var total = model.Inventory(initial).Total_mAh_cm2;
        var run = ProtocolRunner.Start(model, initial, DapCu.Twin.Protocols.Parsing.ProtocolText.Parse(protocol), new RunOptions { OutputResolution_s = 0 });
        Assert.True(run.Result.Cycles.Count >= 1000, $"{kind}: only {run.Result.Cycles.Count} cycles ({run.Result.EndReason})");
        foreach (var c in run.Result.Cycles)
            Assert.True(Math.Abs(c.Inventory.Total_mAh_cm2 - total) <= 1e-9 * total,
                $"{kind} cycle {c.Cycle}: {c.Inventory.Total_mAh_cm2:R} vs {total:R}");
        Assert.Equal(total, model.Inventory(run.FinalState).Total_mAh_cm2, 9);
        if (kind == "symmetric PL") Assert.True(run.FinalState.Shorted, "expected the PL cell to short at 10 mA/cm2");
    }
}
