namespace DapCu.Twin.Protocols.Parsing;

/// <summary>A protocol that cannot be read. The message names the source, the 1-based line and column, and
/// what was expected there, e.g. <c>cells.yaml: line 3, column 18: expected a current unit (mA/cm2, mA, A, C)
/// after '1.5', found 'mX'; did you mean 'mA'?</c>.</summary>
public sealed class ProtocolSyntaxException : FormatException
{
    public ProtocolSyntaxException(string sourceName, int line, int column, string expected,
        string? found = null, string? hint = null)
        : base(Compose(sourceName, line, column, expected, found, hint))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Expected = expected;
        Found = found;
        Hint = hint;
    }

    public string SourceName { get; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>What the parser wanted at this place, without the leading word "expected".</summary>
    public string Expected { get; }
    /// <summary>What it found instead (quoted text or "end of line"), when known.</summary>
    public string? Found { get; }
    /// <summary>A suggestion such as "did you mean 'Discharge'?".</summary>
    public string? Hint { get; }

    private static string Compose(string source, int line, int column, string expected, string? found, string? hint)
    {
        var message = $"{source}: line {line}, column {column}: expected {expected}";
        if (found is not null) message += $", found {found}";
        if (hint is not null) message += $"; {hint}";
        return message;
    }
}
