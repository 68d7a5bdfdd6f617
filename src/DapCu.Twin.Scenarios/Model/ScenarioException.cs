namespace DapCu.Twin.Scenarios;

/// <summary>A scenario that cannot be read or built; the message names file, line, column and what was expected.</summary>
public sealed class ScenarioException(string file, int line, int column, string expected, string? found = null)
    : Exception($"{file}:{line}:{column}: expected {expected}{(found is null ? "" : $", found {found}")}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Expected { get; } = expected;
}
