namespace DapCu.Twin.Cycler.Scpi;

/// <summary>
/// Maps parsed commands onto handlers. Each entry is a manual-style header pattern with an optional set handler
/// (command form) and an optional query handler (<c>?</c> form), and how many parameters the command form takes.
/// Unknown headers raise -113, wrong parameter counts -109/-108.
/// </summary>
public sealed class ScpiCommandTable
{
    private sealed record Entry(ScpiPattern Pattern, Action<ScpiCommand>? Set, Func<ScpiCommand, string>? Query, int MinArgs, int MaxArgs, int QueryMaxArgs);

    private readonly List<Entry> _entries = new();
    private readonly Dictionary<string, Entry> _common = new(StringComparer.Ordinal);
    // Resolved headers, bounded so that a fuzzing client cannot grow it without limit.
    private readonly Dictionary<string, Entry?> _cache = new(StringComparer.Ordinal);
    private const int CacheLimit = 4096;

    public void Add(string pattern, Action<ScpiCommand>? set = null, Func<ScpiCommand, string>? query = null,
        int minArgs = 1, int maxArgs = 1, int queryMaxArgs = 0) =>
        _entries.Add(new Entry(new ScpiPattern(pattern), set, query, minArgs, maxArgs, queryMaxArgs));

    public void AddCommon(string name, Action<ScpiCommand>? set = null, Func<ScpiCommand, string>? query = null, int minArgs = 0, int maxArgs = 0) =>
        _common[name.TrimStart('*').ToUpperInvariant()] = new Entry(new ScpiPattern("COMMON"), set, query, minArgs, maxArgs, 0);

    /// <summary>Runs one command; returns its response text for queries, null otherwise.</summary>
    public string? Execute(ScpiCommand command)
    {
        var entry = Resolve(command) ?? throw new ScpiException(ScpiError.UndefinedHeader, command.Header);
        int n = command.Parameters.Count;
        if (command.IsQuery)
        {
            if (entry.Query is null) throw new ScpiException(ScpiError.UndefinedHeader, command.Header);
            if (n > entry.QueryMaxArgs) throw new ScpiException(ScpiError.ParameterNotAllowed, command.ToString());
            return entry.Query(command);
        }
        if (entry.Set is null) throw new ScpiException(ScpiError.UndefinedHeader, command.Header);
        if (n < entry.MinArgs) throw new ScpiException(ScpiError.MissingParameter, command.ToString());
        if (n > entry.MaxArgs) throw new ScpiException(ScpiError.ParameterNotAllowed, command.ToString());
        entry.Set(command);
        return null;
    }

    private Entry? Resolve(ScpiCommand command)
    {
        if (command.IsCommon) return _common.GetValueOrDefault(command.CommonName!);
        var key = command.Header;
        if (_cache.TryGetValue(key, out var cached)) return cached;
        Entry? found = null;
        foreach (var e in _entries)
            if (e.Pattern.Matches(command.Path)) { found = e; break; }
        if (_cache.Count >= CacheLimit) _cache.Clear();
        _cache[key] = found;
        return found;
    }
}
