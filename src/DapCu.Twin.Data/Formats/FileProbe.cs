using System.Text;

namespace DapCu.Twin.Data.Formats;

/// <summary>The first lines of a file, read once to recognise its format from content rather than extension.</summary>
internal sealed class FileProbe
{
    public const int MaxLines = 400;

    public string Path { get; }
    public IReadOnlyList<string> Lines { get; }
    public long Length { get; }
    public bool StartsLikeBioLogicBinary { get; }

    private FileProbe(string path, IReadOnlyList<string> lines, long length, bool bioLogicBinary)
    {
        Path = path;
        Lines = lines;
        Length = length;
        StartsLikeBioLogicBinary = bioLogicBinary;
    }

    public static FileProbe Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new DataFormatException(path, null, "file not found");
        byte[] head = new byte[Math.Min(info.Length, 256 * 1024)];
        using (var fs = File.OpenRead(path)) fs.ReadExactly(head);
        bool mpr = Encoding.ASCII.GetString(head, 0, Math.Min(head.Length, 32)).StartsWith("BIO-LOGIC MODULAR FILE", StringComparison.Ordinal);

        // Latin-1 maps every byte to a char, so headers such as BioLogic's "µF" survive; all our keys are ASCII.
        var text = Encoding.Latin1.GetString(head);
        if (text.StartsWith("\u00ef\u00bb\u00bf", StringComparison.Ordinal)) text = text[3..]; // UTF-8 byte order mark
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (lines.Count < MaxLines && reader.ReadLine() is { } line) lines.Add(line);
        if (head.Length < info.Length && lines.Count > 1 && lines.Count < MaxLines) lines.RemoveAt(lines.Count - 1); // cut mid-line
        return new FileProbe(path, lines, info.Length, mpr);
    }
}
