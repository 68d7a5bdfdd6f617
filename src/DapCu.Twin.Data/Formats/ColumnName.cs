namespace DapCu.Twin.Data.Formats;

/// <summary>
/// A header cell split into a comparison key and a unit. Instruments spell the same column many ways:
/// "Test_Time(s)", "Test Time (s)", "Test Time [s]", "Test Time / s", "time/s", "Current#A" (Digatron-style),
/// so names are compared by <see cref="Key"/>: lower case without spaces, underscores, dots or hyphens.
/// </summary>
internal readonly record struct ColumnName(string Key, string? Unit)
{
    public static ColumnName Parse(string header)
    {
        var text = header.Trim();
        string? unit = null;
        if (text.Length > 2 && (text[^1] == ')' || text[^1] == ']'))
        {
            int open = text.LastIndexOf(text[^1] == ')' ? '(' : '[');
            if (open > 0)
            {
                unit = text[(open + 1)..^1].Trim();
                text = text[..open];
            }
        }
        else
        {
            int slash = text.LastIndexOf('/');
            int hash = text.LastIndexOf('#');
            int cut = Math.Max(slash, hash);
            // "Rec#" and "Cyc#" end with '#': that is part of the name, not a unit separator.
            if (cut > 0 && cut < text.Length - 1 && LooksLikeUnit(text.AsSpan(cut + 1)))
            {
                unit = text[(cut + 1)..].Trim();
                text = text[..cut];
            }
        }
        return new ColumnName(KeyOf(text), string.IsNullOrEmpty(unit) ? null : unit);
    }

    /// <summary>"Chg. Cap." -> "chgcap", "Cycle_Index" -> "cycleindex", "Amp-hr" -> "amphr".</summary>
    public static string KeyOf(ReadOnlySpan<char> name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        int n = 0;
        foreach (var c in name)
        {
            if (c is ' ' or '_' or '.' or '-' or '\t' || n == buffer.Length) continue;
            buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }

    private static bool LooksLikeUnit(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Length > 8) return false;
        foreach (var c in text)
            if (!(char.IsLetter(c) || c is '.' or '°' or '·' or '℃' or '%')) return false;
        return true;
    }
}

/// <summary>What a column name means to one format: the quantity, the unit assumed when the header gives none,
/// a preference among duplicates, and whether the values are magnitudes whose sign comes from the step type.</summary>
internal readonly record struct Alias(Quantity Quantity, string DefaultUnit, int Priority = 0, bool Magnitude = false);
