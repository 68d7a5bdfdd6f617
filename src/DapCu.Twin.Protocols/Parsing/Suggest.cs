namespace DapCu.Twin.Protocols.Parsing;

/// <summary>"Did you mean ...?" for misspelt keywords and units, by edit distance.</summary>
internal static class Suggest
{
    /// <summary>The candidate nearest to <paramref name="word"/>, if it is close enough to be a plausible typo
    /// (at most one edit per three letters, at least one). Single letters get no guess: any one-letter unit
    /// is one edit away from any other.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        if (word.Length < 2) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return bestDistance <= Math.Max(1, word.Length / 3) ? best : null;
    }

    public static string? DidYouMean(string word, IEnumerable<string> candidates) =>
        Nearest(word, candidates) is { } s ? $"did you mean '{s}'?" : null;

    /// <summary>Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("ta" for "at").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
