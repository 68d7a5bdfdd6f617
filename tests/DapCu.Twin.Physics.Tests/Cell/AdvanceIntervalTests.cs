namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>Issue 9: <c>CellModel.Advance</c> never drops time. It used to stop after 64 pieces and leave the
/// rest of an interval unsimulated; now it finishes the interval or fails loudly.</summary>
public class AdvanceIntervalTests
{
    [Theory]
    [InlineData("half PL", -1000.0, 3600.0)]
    [InlineData("symmetric PL", 1000.0, 7200.0)]
    [InlineData("half DAP", -1e-6, 1e7)]
    [InlineData("S full", 0.01, 1e6)]
    [InlineData("LFP full", -20.0, 5e5)]
    public void Advance_always_finishes_its_interval(string kind, double j, double dt)
    {
        var model = TestCells.Model(TestCells.ByName(kind));
        var s = model.CreateInitialState(5);
        for (var i = 0; i < 3; i++)
        {
            var before = s.Time_s;
            model.Advance(ref s, i % 2 == 0 ? j : -j, dt);
            Assert.Equal(before + dt, s.Time_s, 6);
        }
    }
}
