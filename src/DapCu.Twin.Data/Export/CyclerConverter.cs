namespace DapCu.Twin.Data.Export;

public sealed record ConversionResult(CyclerFormat SourceFormat, long Rows, long SkippedRows, IReadOnlyList<string> SkipMessages, string OutputPath)
{
    /// <summary>Repairs made while reading (time stepping back).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Converts any recognised cycler file to BDF CSV, streaming, without ever leaving a half-written output.</summary>
public static class CyclerConverter
{
    /// <summary>
    /// Writes to a temporary file beside <paramref name="outputPath"/> and moves it into place only when the whole
    /// input has been read, so a failure leaves an existing output file as it was.
    /// </summary>
    public static ConversionResult ToBdf(string inputPath, string outputPath, ReadOptions? options = null)
    {
        if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
            throw new ArgumentException($"output '{outputPath}' is the input file; choose another output path");
        using var activity = Scenarios.Telemetry.TwinActivities.Source.StartActivity("dapcu.data.import");
        using var reader = CyclerDataReader.Open(inputPath, options);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // The columns a file provides are known from its header; cycle/step flags firm up while reading,
            // so write every bound optional column (an all-empty column is still valid BDF).
            var rows = reader.GetEnumerator();
            bool any = rows.MoveNext();
            using (var writer = BdfWriter.Create(temp, DeclaredColumns(reader), reader.StepLabels))
            {
                while (any)
                {
                    writer.Write(rows.Current);
                    any = rows.MoveNext();
                }
            }
            File.Move(temp, outputPath, overwrite: true);
            return new ConversionResult(reader.Format, reader.RowsRead, reader.SkippedRows, reader.SkipMessages, outputPath) { Warnings = reader.Warnings };
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static DataColumns DeclaredColumns(CyclerDataReader reader) => reader.Columns | reader.BoundColumns;
}
