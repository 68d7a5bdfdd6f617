using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Running.Cursor;

/// <summary>What one instruction of a flattened protocol does.</summary>
internal enum OpCode : byte { Step, LoopEnter, LoopCheck, LoopNext, End }

/// <summary>One instruction. Loops become Enter / Check / body / Next, with their counter at nesting Depth.</summary>
internal readonly record struct Instruction(OpCode Op, ProtocolStep? Step, int Count, int Depth, bool Innermost, int Target);

/// <summary>
/// A protocol flattened into a program with jumps, so that where a cell is in it fits in a few integers
/// (<see cref="ProtocolPosition"/>) instead of a call stack. Immutable, shared by every cell of a fleet.
/// </summary>
public sealed class ProtocolProgram
{
    /// <summary>Loop counters a position holds (ProtocolPosition.Loop0..3).</summary>
    public const int MaxLoopDepth = 4;

    private ProtocolProgram(Protocol protocol, Instruction[] code)
    {
        Protocol = protocol;
        Code = code;
    }

    public Protocol Protocol { get; }
    internal Instruction[] Code { get; }
    internal int EndPc => Code.Length - 1;

    /// <summary>Flattens a protocol. Loops nested deeper than <see cref="MaxLoopDepth"/> are refused with their line.</summary>
    public static ProtocolProgram Compile(Protocol protocol)
    {
        var code = new List<Instruction>();
        Emit(protocol.Nodes, 0);
        code.Add(new Instruction(OpCode.End, null, 0, 0, false, 0));
        return new ProtocolProgram(protocol, code.ToArray());

        void Emit(IReadOnlyList<ProtocolNode> nodes, int depth)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case ProtocolStep step:
                        code.Add(new Instruction(OpCode.Step, step, 0, depth, false, 0));
                        break;
                    case ProtocolLoop loop:
                        if (depth >= MaxLoopDepth)
                            throw new NotSupportedException($"{loop.Location}: loops nested more than {MaxLoopDepth} deep cannot run as a live cell");
                        var innermost = !loop.Body.Any(n => n is ProtocolLoop);
                        code.Add(new Instruction(OpCode.LoopEnter, null, loop.Count, depth, innermost, 0));
                        var check = code.Count;
                        code.Add(default); // patched below, once the exit is known
                        Emit(loop.Body, depth + 1);
                        code.Add(new Instruction(OpCode.LoopNext, null, loop.Count, depth, innermost, check));
                        code[check] = new Instruction(OpCode.LoopCheck, null, loop.Count, depth, innermost, code.Count);
                        break;
                }
            }
        }
    }
}
