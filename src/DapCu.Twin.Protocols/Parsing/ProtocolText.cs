using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>Parses the text form of a protocol, one step per line, e.g.
/// <code>
/// Stop on short: yes
/// Repeat 100 times:
///     Discharge at 1 mA/cm2 for 1 h     # plate
///     Charge at 1 mA/cm2 until 1 V      # strip
/// </code>
/// Loops: an indented block under <c>Repeat N times:</c>; a trailing <c>Repeat N times</c> (no colon) that repeats
/// the steps since the start or the previous Repeat at the same level; or PyBaMM-style
/// <c>(Discharge at 1C until 2.5 V, Charge at 1C until 3.8 V) * 100</c>.</summary>
public static class ProtocolText
{
    /// <summary>An open block: the root, or the body of a <c>Repeat N times:</c>.</summary>
    private sealed class Block(int indent, int count, SourceLocation location, string header)
    {
        public int Indent = indent;
        public readonly int Count = count;
        public readonly SourceLocation Location = location;
        public readonly string Header = header;
        public readonly List<ProtocolNode> Nodes = [];
        /// <summary>Nodes before this index are not repeated by a trailing Repeat (they precede an earlier Repeat).</summary>
        public int RepeatStart;
    }

    public static Protocol Parse(string text, string sourceName = "<protocol>") =>
        Parse(text, sourceName, firstLine: 1, firstColumn: 1);

    /// <summary>Parses text embedded elsewhere (a YAML block scalar): line and column numbers are offset.</summary>
    internal static Protocol Parse(string text, string sourceName, int firstLine, int firstColumn)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stack = new Stack<Block>();
        stack.Push(new Block(0, 1, new SourceLocation(firstLine, firstColumn), "<root>"));
        Block? opening = null;          // a "Repeat N times:" waiting for its first indented line
        bool? stopOnShort = null;
        (double Min_V, double Max_V)? safety = null;
        var previousWasTrailingRepeat = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = firstLine + i;
            var raw = StripComment(lines[i]).TrimEnd();
            if (raw.Trim().Length == 0) continue;
            var s = new LineScanner(raw, sourceName, lineNumber, firstColumn);
            var indent = Indentation(raw, s);
            s.Pos = indent;

            if (opening is not null)
            {
                if (indent <= stack.Peek().Indent)
                    throw s.Error(indent, $"an indented step in the body of '{opening.Header}' (line {opening.Location.Line})",
                        $"'{s.PeekToken()}' at column {firstColumn + indent}");
                opening.Indent = indent;
                stack.Push(opening);
                opening = null;
            }
            else if (indent > stack.Peek().Indent)
            {
                throw s.Error(indent, $"no indentation beyond column {firstColumn + stack.Peek().Indent}",
                    $"'{s.PeekToken()}' indented to column {firstColumn + indent}",
                    previousWasTrailingRepeat ? "a Repeat that owns an indented block ends with ':'" : null);
            }
            else
            {
                while (indent < stack.Peek().Indent) Close(stack);
                if (indent != stack.Peek().Indent)
                    throw s.Error(indent, $"indentation matching an enclosing block (column {firstColumn + stack.Peek().Indent})",
                        $"column {firstColumn + indent}");
            }

            previousWasTrailingRepeat = false;
            var block = stack.Peek();
            var word = s.PeekWord();
            if (word.Equals("Repeat", StringComparison.OrdinalIgnoreCase))
            {
                var (count, location, isBlock) = ReadRepeat(s);
                var header = raw.Trim();
                if (isBlock) opening = new Block(-1, count, location, header);
                else { RepeatTrailing(block, count, location, s, indent); previousWasTrailingRepeat = true; }
            }
            else if (word.Equals("Safety", StringComparison.OrdinalIgnoreCase))
            {
                if (stack.Count > 1 || safety is not null)
                    throw s.Error(indent, "'Safety limits' once, at the top level, not inside a Repeat", $"'{raw.Trim()}'");
                safety = ReadSafetyLimits(s);
            }
            else if (word.Equals("Stop", StringComparison.OrdinalIgnoreCase))
            {
                if (stack.Count > 1 || stopOnShort is not null)
                    throw s.Error(indent, "'Stop on short' once, at the top level, not inside a Repeat",
                        $"'{raw.Trim()}'");
                stopOnShort = ReadStopOnShort(s);
            }
            else if (s.Peek() == '(')
            {
                block.Nodes.Add(StepGroup.Parse(s));
            }
            else
            {
                block.Nodes.Add(StepParser.Parse(s));
            }
        }

        if (opening is not null)
            throw new ProtocolSyntaxException(sourceName, opening.Location.Line, opening.Location.Column,
                $"an indented step in the body of '{opening.Header}'", "end of protocol");
        while (stack.Count > 1) Close(stack);
        var root = stack.Pop();
        if (root.Nodes.Count == 0)
            throw new ProtocolSyntaxException(sourceName, firstLine, firstColumn,
                "at least one step (e.g. 'Discharge at 1 mA/cm2 for 1 h')", "no steps");
        return new Protocol(root.Nodes, stopOnShort ?? true) { SafetyMin_V = safety?.Min_V, SafetyMax_V = safety?.Max_V };
    }

    private static void Close(Stack<Block> stack)
    {
        var body = stack.Pop();
        var parent = stack.Peek();
        parent.Nodes.Add(new ProtocolLoop(body.Count, body.Nodes, body.Location));
        parent.RepeatStart = parent.Nodes.Count;
    }

    private static void RepeatTrailing(Block block, int count, SourceLocation location, LineScanner s, int indent)
    {
        var body = block.Nodes.Skip(block.RepeatStart).ToList();
        if (body.Count == 0)
            throw s.Error(indent, "steps before a trailing 'Repeat' (it repeats the steps since the start or the previous Repeat)",
                "none", "to repeat the lines below, write 'Repeat N times:' and indent them");
        block.Nodes.RemoveRange(block.RepeatStart, body.Count);
        block.Nodes.Add(new ProtocolLoop(count, body, location));
        block.RepeatStart = block.Nodes.Count;
    }

    /// <summary>"Repeat 100 times" or "Repeat 100 times:" (also "1 time").</summary>
    private static (int Count, SourceLocation Location, bool IsBlock) ReadRepeat(LineScanner s)
    {
        s.SkipSpaces();
        var location = s.LocationAt(s.Pos);
        s.TryKeyword("Repeat");
        s.SkipSpaces();
        var countAt = s.Pos;
        var count = s.ReadWholeNumber("a whole repeat count after 'Repeat' (e.g. 'Repeat 100 times')");
        if (count < 1) throw s.Error(countAt, "a repeat count of at least 1", $"'{count}'");
        if (!s.TryKeyword("times") && !s.TryKeyword("time"))
            throw s.ErrorHere($"'times' after 'Repeat {count}'", Suggest.DidYouMean(s.PeekToken(), ["times"]));
        var isBlock = s.TryChar(':');
        if (!s.AtEnd)
            throw s.ErrorHere(isBlock ? "end of line after ':' (the steps go on the indented lines below)"
                : "':' or end of line after 'times'");
        return (count, location, isBlock);
    }

    /// <summary>"Safety limits: -1 V to 1 V": the run stops when the terminal voltage leaves the range.</summary>
    private static (double Min_V, double Max_V) ReadSafetyLimits(LineScanner s)
    {
        s.TryKeyword("Safety");
        s.ExpectKeyword("limits", "'limits:' after 'Safety'");
        if (!s.TryChar(':')) throw s.ErrorHere("':' after 'Safety limits'");
        return ReadVoltageRange(s);
    }

    /// <summary>"-1 V to 1 V" (also used by the YAML form's 'safety_limits').</summary>
    internal static (double Min_V, double Max_V) ReadVoltageRange(LineScanner s)
    {
        var minAt = s.Pos;
        var min = s.ReadQuantity("voltage", QuantityKind.Voltage).Value;
        s.ExpectKeyword("to", "'to' between the lower and upper voltage (e.g. 'Safety limits: -1 V to 1 V')");
        var max = s.ReadQuantity("voltage", QuantityKind.Voltage).Value;
        if (!(max > min)) throw s.Error(minAt, "a lower limit below the upper limit", $"{min} V to {max} V");
        if (!s.AtEnd) throw s.ErrorHere("end of line after the upper voltage limit");
        return (min, max);
    }

    /// <summary>"Stop on short: yes|no".</summary>
    private static bool ReadStopOnShort(LineScanner s)
    {
        s.TryKeyword("Stop");
        s.ExpectKeyword("on", "'on short:' after 'Stop'");
        s.ExpectKeyword("short", "'short:' after 'Stop on'");
        if (!s.TryChar(':')) throw s.ErrorHere("':' after 'Stop on short'");
        var value = s.PeekWord().ToLowerInvariant();
        bool? result = value switch { "yes" or "true" or "on" => true, "no" or "false" or "off" => false, _ => null };
        if (result is null) throw s.ErrorHere("'yes' or 'no' after 'Stop on short:'");
        s.Pos += value.Length;
        if (!s.AtEnd) throw s.ErrorHere($"end of line after '{value}'");
        return result.Value;
    }

    private static int Indentation(string raw, LineScanner s)
    {
        var i = 0;
        while (i < raw.Length && (raw[i] == ' ' || raw[i] == '\t'))
        {
            if (raw[i] == '\t')
                throw s.Error(i, "spaces for indentation", "a tab", "tabs make block depth ambiguous");
            i++;
        }
        return i;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return (hash >= 0 ? line[..hash] : line).TrimEnd('\r');
    }
}
