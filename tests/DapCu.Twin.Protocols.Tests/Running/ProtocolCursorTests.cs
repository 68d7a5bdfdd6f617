using DapCu.Twin.Physics.Cell;
using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Protocols.Running;
using DapCu.Twin.Protocols.Running.Cursor;
using MessagePack;

namespace DapCu.Twin.Protocols.Tests.Running;

/// <summary>The resumable cursor against the one-shot runner: same pieces, same bits, wherever it is paused.</summary>
public class ProtocolCursorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // LFP full cell with a CC-CV charge and rests (hold with a current cutoff, nested loops).
        { "lfp", """
            Repeat 3 times:
              Repeat 4 times:
                Discharge at 1C until 2.5 V
                Rest for 10 min
                Charge at 1C until 3.6 V
                Hold at 3.6 V until 0.05 mA/cm2
            """ },
        // DAP half cell: capacity cutoffs, a strip to a voltage cutoff.
        { "half-dap", """
            Repeat 20 times:
              Discharge at 1 mA/cm2 for 1 h
              Charge at 1 mA/cm2 until 1 V
            """ },
        // PL half cell plated hard: an internal short stops the run.
        { "half-pl", """
            Repeat 3 times:
              Discharge at 10 mA/cm2 for 2 h
              Charge at 1 mA/cm2 for 1 h
            """ },
        // Sulfur full cell: the shuttle stretches the charge.
        { "sulfur", """
            Repeat 15 times:
              Discharge at 0.2C until 1.7 V
              Charge at 0.2C until 2.8 V
            """ },
        // A hold with a capacity limit, a safety limit that stops the run.
        { "lfp-safety", """
            Safety limits: 2.6 V to 4.2 V
            Repeat 2 times:
              Hold at 3.6 V until 0.2 mAh/cm2
              Discharge at 1C until 2.5 V
            """ },
    };

    private static CellDesign Design(string name) => name switch
    {
        "lfp" or "lfp-safety" => RunnerCells.LfpDap,
        "half-dap" => RunnerCells.HalfDap,
        "half-pl" => RunnerCells.HalfPl,
        _ => RunnerCells.SulfurDap,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_full_run_through_the_cursor_gives_the_runners_cycle_table_and_events(string cell, string protocol)
    {
        var runner = RunnerCells.Run(Design(cell), protocol);
        var model = RunnerCells.Model(Design(cell));
        var cursor = new ProtocolCursor(model, ProtocolProgram.Compile(ProtocolText.Parse(protocol)));
        var state = model.CreateInitialState(1);
        var result = cursor.Run(ref state);

        Assert.NotEmpty(runner.Result.Cycles);
        Assert.Equal(runner.Result.Cycles, result.Cycles); // record equality: every double bit for bit
        Assert.Equal(runner.Result.Events, result.Events);
        Assert.Equal(runner.Result.EndedEarly, result.EndedEarly);
        Assert.Equal(runner.Result.EndReason, result.EndReason);
        Assert.Equal(Bytes(runner.FinalState), Bytes(state));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Running_to_t1_then_t2_equals_running_straight_to_t2(string cell, string protocol)
    {
        var model = RunnerCells.Model(Design(cell));
        var cursor = new ProtocolCursor(model, ProtocolProgram.Compile(ProtocolText.Parse(protocol)));
        var straight = model.CreateInitialState(7);
        var straightAt = ProtocolPosition.Start;
        var straightLog = new RunResultObserver();
        cursor.AdvanceTo(ref straight, ref straightAt, double.PositiveInfinity, straightLog);
        var end_s = straight.Time_s;

        // Stop at irregular times (some inside pieces, some past the end), each time from the stored pair.
        var sliced = model.CreateInitialState(7);
        var slicedAt = ProtocolPosition.Start;
        var slicedLog = new RunResultObserver();
        var rng = new Random(3);
        var t = 0.0;
        var slices = 0;
        while (!slicedAt.Finished)
        {
            t += end_s * rng.NextDouble() / 25;
            var next = cursor.AdvanceTo(ref sliced, ref slicedAt, t, slicedLog);
            Assert.True(sliced.Time_s <= t || slicedAt.Finished, "a slice never runs past its end time");
            Assert.True(slicedAt.Finished || next > t, "the next piece ends after the slice");
            // Round-trip through a snapshot, as a shard checkpoint does.
            (sliced, slicedAt) = (MessagePackSerializer.Deserialize<CellState>(Bytes(sliced)),
                MessagePackSerializer.Deserialize<ProtocolPosition>(MessagePackSerializer.Serialize(slicedAt)));
            slices++;
        }
        Assert.True(slices > 10);
        Assert.Equal(straightLog.Result.Cycles, slicedLog.Result.Cycles);
        Assert.Equal(straightLog.Result.Events, slicedLog.Result.Events);
        Assert.Equal(Bytes(straight), Bytes(sliced));
        Assert.Equal(MessagePackSerializer.Serialize(straightAt), MessagePackSerializer.Serialize(slicedAt));
    }

    [Fact]
    public void A_piece_budget_pauses_between_pieces_without_changing_them()
    {
        const string protocol = "Repeat 10 times:\n  Discharge at 1C until 2.5 V\n  Charge at 1C until 3.8 V";
        var model = RunnerCells.Model(RunnerCells.LfpDap);
        var cursor = new ProtocolCursor(model, ProtocolProgram.Compile(ProtocolText.Parse(protocol)));
        var a = model.CreateInitialState(2);
        var pa = ProtocolPosition.Start;
        cursor.AdvanceTo(ref a, ref pa, double.PositiveInfinity);
        var b = model.CreateInitialState(2);
        var pb = ProtocolPosition.Start;
        var calls = 0;
        while (!pb.Finished) { cursor.AdvanceTo(ref b, ref pb, double.PositiveInfinity, maxPieces: 3); calls++; }
        Assert.True(calls > 10);
        Assert.Equal(10, pb.CompletedCycles);
        Assert.Equal(Bytes(a), Bytes(b));
    }

    [Fact]
    public void Loops_nested_deeper_than_a_position_holds_are_refused_with_their_line()
    {
        var p = ProtocolText.Parse("Repeat 2 times:\n Repeat 2 times:\n  Repeat 2 times:\n   Repeat 2 times:\n    Repeat 2 times:\n     Rest for 1 min");
        var e = Assert.Throws<NotSupportedException>(() => ProtocolProgram.Compile(p));
        Assert.Contains("line 5", e.Message);
    }

    private static byte[] Bytes(CellState s) => MessagePackSerializer.Serialize(s);
}
