namespace DapCu.Twin.Data;

/// <summary>
/// A data file that cannot be read as asked. The message always names the file, the line when one is
/// to blame, the column when one is to blame, and what was expected.
/// </summary>
public sealed class DataFormatException : Exception
{
    public string FilePath { get; }
    /// <summary>1-based line number, or null when the problem is the file as a whole.</summary>
    public long? Line { get; }
    public string? Column { get; }
    /// <summary>The problem alone, without the file/line prefix.</summary>
    public string Problem { get; }

    public DataFormatException(string filePath, long? line, string problem, string? column = null, Exception? inner = null)
        : base(Compose(filePath, line, column, problem), inner)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Problem = problem;
    }

    private static string Compose(string file, long? line, string? column, string problem)
    {
        var where = line is { } l ? $"{file}, line {l}" : file;
        if (column is not null) where += $", column '{column}'";
        return $"{where}: {problem}";
    }
}
