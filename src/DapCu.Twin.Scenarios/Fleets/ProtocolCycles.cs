using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>How many cycles a protocol runs if nothing stops it early: every iteration of an innermost
/// loop is one cycle (see <see cref="ProtocolLoop"/>); steps outside any loop make one cycle.</summary>
public static class ProtocolCycles
{
    public static int Count(Protocol protocol) => Count(protocol.Nodes, topLevel: true);

    private static int Count(IReadOnlyList<ProtocolNode> nodes, bool topLevel)
    {
        int cycles = 0;
        bool looseSteps = false;
        foreach (var node in nodes)
        {
            if (node is ProtocolLoop loop)
            {
                bool innermost = !loop.Body.OfType<ProtocolLoop>().Any();
                cycles += loop.Count * (innermost ? 1 : Count(loop.Body, topLevel: false));
            }
            else looseSteps = true;
        }
        return cycles + (topLevel && looseSteps ? 1 : 0);
    }
}
