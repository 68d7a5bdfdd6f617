namespace DapCu.Twin.Data.Formats;

/// <summary>Chooses the reader for a file from its first bytes (binary magic) or, for text, its first lines.</summary>
internal static class SourceFactory
{
    public static RecordSource Open(string path, ReadOptions options)
    {
        try
        {
            var layout = FormatDetector.Detect(path, options.Format);
            return new TextRecordSource(path, layout, options);
        }
        catch (Exception e) when (e is not DataFormatException and not OutOfMemoryException)
        {
            throw new DataFormatException(path, null, $"cannot open ({e.GetType().Name}: {e.Message}); expected a readable cycler file", inner: e);
        }
    }
}
