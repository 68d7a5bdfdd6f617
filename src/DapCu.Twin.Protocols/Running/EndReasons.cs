namespace DapCu.Twin.Protocols.Running;

/// <summary>Why a run ended before its protocol did: the codes written to summary.json, events.csv and
/// report.md, each with the sentence a person reads. A complete run has no end reason.</summary>
public static class EndReasons
{
    public const string ProtocolComplete = "protocol_complete";
    public const string Short = "short";
    public const string SafetyLimit = "safety_limit";
    public const string Cancelled = "cancelled";
    public const string LiExhausted = "li_exhausted";
    public const string NoCapacity = "no_capacity";
    public const string NoCurrent = "no_current";
    public const string CutoffAtStart = "cutoff_at_start";

    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        [ProtocolComplete] = "every step of the protocol ran",
        [Short] = "a dendrite crossed the separator (internal short) and the protocol says stop on short",
        [SafetyLimit] = "the terminal voltage left the protocol's safety limits",
        [Cancelled] = "the run was interrupted",
        [LiExhausted] = "no cyclable Li left: the electrode that must give Li has none connected, so the cell can no longer cycle",
        [NoCapacity] = "a whole cycle moved no charge: the cell can no longer store or deliver capacity",
        [NoCurrent] = "a whole cycle passed no current: no step could drive one",
        [CutoffAtStart] = "every step of the first cycle met its voltage cutoff at once: the protocol does not fit the cell's state",
    };

    /// <summary>Reasons that mean the cell itself can no longer cycle (its capacity from then on is zero).</summary>
    public static bool CellCannotCycle(string? code) => code is LiExhausted or NoCapacity or NoCurrent or CutoffAtStart;

    /// <summary>"code: sentence" for a code; the code alone when it is unknown.</summary>
    public static string Describe(string? code) =>
        code is null ? Describe(ProtocolComplete) : Sentences.TryGetValue(code, out var s) ? $"{code}: {s}" : code;
}
