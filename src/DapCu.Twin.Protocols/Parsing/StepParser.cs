using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>Reads one step in the text form, e.g. <c>Charge at 0.5 mA for 2 hours or until 4.2 V</c> or
/// <c>Hold at 4.2 V until C/50</c>. Grammar: action, then clauses <c>for &lt;time&gt;</c> and
/// <c>until &lt;cutoff&gt; [or &lt;cutoff&gt;]...</c> joined by <c>or</c>; whichever comes first ends the step.</summary>
internal static class StepParser
{
    /// <summary>First words of a step (Plate/Strip are the Li|Cu half-cell words: plating is discharge).</summary>
    public static readonly IReadOnlyDictionary<string, StepKind> Actions =
        new Dictionary<string, StepKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["Charge"] = StepKind.Charge, ["Strip"] = StepKind.Charge,
            ["Discharge"] = StepKind.Discharge, ["Plate"] = StepKind.Discharge,
            ["Rest"] = StepKind.Rest, ["Hold"] = StepKind.Hold,
        };

    /// <summary>Parses a step from the scanner's position to its end; nothing may follow.</summary>
    public static ProtocolStep Parse(LineScanner s)
    {
        s.SkipSpaces();
        var location = s.LocationAt(s.Pos);
        var word = s.PeekWord();
        if (!Actions.TryGetValue(word, out var kind))
            throw s.ErrorHere("a step (Charge, Discharge, Plate, Strip, Rest, Hold) or 'Repeat'",
                Suggest.DidYouMean(s.PeekToken(), [.. Actions.Keys, "Repeat"]));
        s.Pos += word.Length;

        CurrentSpec? current = null;
        double? holdVoltage = null;
        switch (kind)
        {
            case StepKind.Charge or StepKind.Discharge:
                s.ExpectKeyword("at", $"'at' and a current after '{word}' (e.g. '{word} at 1 mA/cm2')");
                current = ReadPositive(s, "current", QuantityKind.Current).AsCurrent;
                break;
            case StepKind.Hold:
                s.ExpectKeyword("at", "'at' and a voltage after 'Hold' (e.g. 'Hold at 4.2 V until 0.05 mA/cm2')");
                holdVoltage = s.ReadQuantity("voltage", QuantityKind.Voltage).Value;
                break;
            case StepKind.Rest when s.PeekWord().Equals("at", StringComparison.OrdinalIgnoreCase):
                throw s.ErrorHere("'for <duration>' after 'Rest' (a rest has no current)");
        }

        var (duration, cutoffs) = ReadEndConditions(s, kind);
        if (duration is null && cutoffs.Count == 0)
            throw s.ErrorHere(kind == StepKind.Rest
                ? "'for <duration>' (a rest must end, e.g. 'Rest for 10 min')"
                : "'for <duration>' or 'until <cutoff>' (a step must end, e.g. 'for 1 h' or 'until 1 V')");
        return new ProtocolStep(kind, current, holdVoltage, duration, cutoffs, location);
    }

    private static (double? Duration_s, List<Cutoff> Cutoffs) ReadEndConditions(LineScanner s, StepKind kind)
    {
        double? duration = null;
        var cutoffs = new List<Cutoff>();
        var clauses = kind == StepKind.Rest ? "'for'" : "'for' or 'until'";
        while (!s.AtEnd)
        {
            if (duration is not null || cutoffs.Count > 0)
                s.ExpectKeyword("or", $"'or' or the end of the step");
            s.SkipSpaces();
            var clauseStart = s.Pos;
            if (s.TryKeyword("for"))
            {
                if (duration is not null)
                    throw s.Error(clauseStart, "one duration per step", "a second 'for'");
                duration = ReadPositive(s, "time", QuantityKind.Time).Value;
            }
            else if (s.TryKeyword("until"))
            {
                if (kind == StepKind.Rest)
                    throw s.Error(clauseStart, "'for <duration>' (a rest ends only by time)", "'until'");
                ReadCutoffList(s, kind, cutoffs);
            }
            else
            {
                throw s.ErrorHere(clauses, Suggest.DidYouMean(s.PeekToken(), ["for", "until", "or"]));
            }
        }
        return (duration, cutoffs);
    }

    /// <summary>Reads "4.2 V or 2 mAh/cm2" (after 'until') into <paramref name="cutoffs"/>.</summary>
    internal static void ReadCutoffList(LineScanner s, StepKind kind, List<Cutoff> cutoffs)
    {
        do cutoffs.Add(ReadCutoff(s, kind, cutoffs));
        while (NextIsAnotherCutoff(s));
    }

    /// <summary>"until 4.2 V or 2 mAh/cm2": an 'or' followed by a number continues the cutoff list.</summary>
    private static bool NextIsAnotherCutoff(LineScanner s)
    {
        var save = s.Pos;
        if (!s.TryKeyword("or")) return false;
        var next = s.Peek();
        var isQuantity = char.IsDigit(next) || next is '.' or '-' or '+' || s.PeekWord().Equals("C", StringComparison.OrdinalIgnoreCase);
        if (!isQuantity) s.Pos = save;
        return isQuantity;
    }

    private static Cutoff ReadCutoff(LineScanner s, StepKind kind, List<Cutoff> existing)
    {
        s.SkipSpaces();
        var start = s.Pos;
        Quantity q = kind == StepKind.Hold
            ? s.ReadQuantity("cutoff", QuantityKind.Current, QuantityKind.ArealCapacity, QuantityKind.Capacity)
            : ReadCcCutoff(s);
        if (q.Kind != QuantityKind.Voltage && q.Value <= 0)
            throw s.Error(start, $"a positive {(q.Kind == QuantityKind.Current ? "current" : "capacity")} cutoff",
                $"'{s.Text[start..s.Pos].Trim()}'");
        Cutoff cutoff = q.Kind switch
        {
            QuantityKind.Voltage => new VoltageCutoff(q.Value),
            QuantityKind.ArealCapacity => new CapacityCutoff(q.Value),
            QuantityKind.Capacity => new AbsoluteCapacityCutoff(q.Value),
            _ => new CurrentCutoff(q.AsCurrent),
        };
        if (existing.Any(c => c.GetType() == cutoff.GetType()))
            throw s.Error(start, "one cutoff of each kind per step", $"a second {Units.Noun(q.Kind)[2..]} cutoff");
        return cutoff;
    }

    /// <summary>A constant-current step ends on voltage or capacity; a current cutoff belongs to a Hold.</summary>
    private static Quantity ReadCcCutoff(LineScanner s)
    {
        try
        {
            return s.ReadQuantity("cutoff", QuantityKind.Voltage, QuantityKind.ArealCapacity, QuantityKind.Capacity);
        }
        catch (ProtocolSyntaxException e) when (e.Found?.EndsWith("(a current)") == true)
        {
            throw new ProtocolSyntaxException(e.SourceName, e.Line, e.Column, e.Expected, e.Found,
                "a current cutoff ends a constant-voltage step: 'Hold at 4.2 V until 0.05 mA/cm2'");
        }
    }

    internal static Quantity ReadPositive(LineScanner s, string noun, QuantityKind kind)
    {
        s.SkipSpaces();
        var start = s.Pos;
        var q = s.ReadQuantity(noun, kind);
        if (q.Value <= 0)
            throw s.Error(start, $"a positive {noun}", $"'{s.Text[start..s.Pos].Trim()}'",
                kind == QuantityKind.Current ? "the direction comes from Charge/Discharge" : null);
        return q;
    }
}
