using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>The PyBaMM-style one-line loop <c>(Discharge at 1C until 2.5 V, Charge at 1C until 3.8 V) * 100</c>.
/// Groups may nest; a group without <c>* N</c> runs once (one cycle).</summary>
internal static class StepGroup
{
    /// <summary>Parses a group starting at the scanner's '(' through the end of the line.</summary>
    public static ProtocolLoop Parse(LineScanner s)
    {
        var loop = ParseGroup(s);
        if (!s.AtEnd) throw s.ErrorHere("'* <count>' or end of line after ')'");
        return loop;
    }

    private static ProtocolLoop ParseGroup(LineScanner s)
    {
        s.SkipSpaces();
        var location = s.LocationAt(s.Pos);
        s.TryChar('(');
        var body = new List<ProtocolNode>();
        while (true)
        {
            if (s.Peek() == '(') body.Add(ParseGroup(s));
            else body.Add(ParseStepUntilDelimiter(s));
            if (s.TryChar(',')) continue;
            if (s.TryChar(')')) break;
            throw s.ErrorHere("',' or ')' after a step in '( ... )'");
        }
        var count = 1;
        if (s.TryChar('*'))
        {
            s.SkipSpaces();
            var countAt = s.Pos;
            count = s.ReadWholeNumber("a whole repeat count after '*'");
            if (count < 1) throw s.Error(countAt, "a repeat count of at least 1", $"'{count}'");
        }
        return new ProtocolLoop(count, body, location);
    }

    /// <summary>A step inside a group ends at the next ',' or ')' (steps contain neither).</summary>
    private static ProtocolStep ParseStepUntilDelimiter(LineScanner s)
    {
        var outerEnd = s.End;
        var delimiter = s.Text.IndexOfAny([',', ')', '('], s.Pos);
        s.End = delimiter < 0 || delimiter > outerEnd ? outerEnd : delimiter;
        try { return StepParser.Parse(s); }
        finally { s.End = outerEnd; }
    }
}
