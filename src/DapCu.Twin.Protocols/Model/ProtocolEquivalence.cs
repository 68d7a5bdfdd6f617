namespace DapCu.Twin.Protocols.Model;

/// <summary>Structural equality of protocols, ignoring source locations (records compare lists by reference,
/// so plain <c>==</c> is not enough). Used to check that a protocol written "as run" reads back the same.</summary>
public static class ProtocolEquivalence
{
    public static bool AreEquivalent(Protocol a, Protocol b) =>
        a.StopOnShort == b.StopOnShort && a.SafetyMin_V == b.SafetyMin_V && a.SafetyMax_V == b.SafetyMax_V && SameNodes(a.Nodes, b.Nodes);

    private static bool SameNodes(IReadOnlyList<ProtocolNode> a, IReadOnlyList<ProtocolNode> b) =>
        a.Count == b.Count && a.Zip(b).All(pair => SameNode(pair.First, pair.Second));

    private static bool SameNode(ProtocolNode a, ProtocolNode b) => (a, b) switch
    {
        (ProtocolStep x, ProtocolStep y) =>
            x.Kind == y.Kind && x.Current == y.Current && x.HoldVoltage_V == y.HoldVoltage_V &&
            x.Duration_s == y.Duration_s && x.Cutoffs.SequenceEqual(y.Cutoffs),
        (ProtocolLoop x, ProtocolLoop y) => x.Count == y.Count && SameNodes(x.Body, y.Body),
        _ => false,
    };
}
