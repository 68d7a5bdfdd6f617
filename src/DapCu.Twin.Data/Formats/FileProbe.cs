using System.Text;

namespace DapCu.Twin.Data.Formats;

/// <summary>The first lines of a file, read once to recognise its format from content rather than extension.</summary>
internal sealed class FileProbe
{
    public const int MaxLines = 400;

    static FileProbe() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // GB18030 for Chinese Neware exports

    public string Path { get; }
    public IReadOnlyList<string> Lines { get; }
    public long Length { get; }
    public bool StartsLikeBioLogicBinary { get; }
    /// <summary>The text encoding the whole file is read with (byte order mark, UTF-16 pattern, UTF-8 validity, else a legacy code page).</summary>
    public Encoding Encoding { get; }

    private FileProbe(string path, IReadOnlyList<string> lines, long length, bool bioLogicBinary, Encoding encoding)
    {
        Path = path;
        Lines = lines;
        Length = length;
        StartsLikeBioLogicBinary = bioLogicBinary;
        Encoding = encoding;
    }

    /// <summary>Lines that are not a text file's own (the first rows of a spreadsheet, cells joined by tabs), so a
    /// <see cref="FormatSpec"/> can recognise its header there.</summary>
    public static FileProbe FromLines(string path, IReadOnlyList<string> lines) => new(path, lines, 0, false, Encoding.UTF8);

    public static FileProbe Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new DataFormatException(path, null, "file not found");
        byte[] head = new byte[Math.Min(info.Length, 256 * 1024)];
        using (var fs = File.OpenRead(path)) fs.ReadExactly(head);
        bool mpr = Encoding.ASCII.GetString(head, 0, Math.Min(head.Length, 32)).StartsWith("BIO-LOGIC MODULAR FILE", StringComparison.Ordinal);

        var encoding = DetectEncoding(head, out int preamble);
        var text = encoding.GetString(head, preamble, head.Length - preamble);
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (lines.Count < MaxLines && reader.ReadLine() is { } line) lines.Add(line);
        if (head.Length < info.Length && lines.Count > 1 && lines.Count < MaxLines) lines.RemoveAt(lines.Count - 1); // cut mid-line
        return new FileProbe(path, lines, info.Length, mpr, encoding);
    }

    /// <summary>
    /// Cycler software writes UTF-8 (with or without BOM), UTF-16 (Windows "Unicode" export, usually with BOM),
    /// Windows-1252/Latin-1 (BioLogic's "µ" and "°C") or GB18030/GBK (Neware BTS with Chinese column names).
    /// </summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> head, out int preamble)
    {
        preamble = 0;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) { preamble = 3; return new UTF8Encoding(false); }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { preamble = 2; return Encoding.Unicode; }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { preamble = 2; return Encoding.BigEndianUnicode; }
        // UTF-16 without a mark: ASCII text with every other byte zero.
        if (head.Length >= 8)
        {
            int evenZeros = 0, oddZeros = 0, n = Math.Min(head.Length, 512) & ~1;
            for (int i = 0; i < n; i += 2)
            {
                if (head[i] == 0) evenZeros++;
                if (head[i + 1] == 0) oddZeros++;
            }
            if (oddZeros > n / 4 && evenZeros == 0) return Encoding.Unicode;
            if (evenZeros > n / 4 && oddZeros == 0) return Encoding.BigEndianUnicode;
        }
        if (IsUtf8(head)) return new UTF8Encoding(false);
        // Not UTF-8: a legacy code page. GB18030 decodes Chinese Neware headers; Latin-1 keeps every byte otherwise.
        var gb = Encoding.GetEncoding("GB18030");
        var asGb = gb.GetString(head[..Math.Min(head.Length, 4096)]);
        if (asGb.Contains("电压") || asGb.Contains("电流") || asGb.Contains("时间") || asGb.Contains("循环")) return gb;
        return Encoding.Latin1;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        // A multi-byte character cut by the 256 KiB probe is not an error: allow up to 3 trailing bytes.
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false, isFinalBlock: false);
        return status != System.Buffers.OperationStatus.InvalidData && read >= bytes.Length - 3;
    }
}
