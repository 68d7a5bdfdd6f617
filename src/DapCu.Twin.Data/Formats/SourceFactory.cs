using System.IO.Compression;
using System.Text;
using DapCu.Twin.Data.Formats.Binary;

namespace DapCu.Twin.Data.Formats;

/// <summary>Chooses the reader for a file from its first bytes (binary magic) or, for text, its first lines.</summary>
internal static class SourceFactory
{
    public static RecordSource Open(string path, ReadOptions options)
    {
        try
        {
            var head = Head(path, 64);
            if (StartsWith(head, "BIO-LOGIC MODULAR FILE")) return MprSource.Open(path);
            if (StartsWith(head, "PK\u0003\u0004")) return Zip(path, options);
            if (head.Length >= 8 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
                throw new DataFormatException(path, null, "a legacy Excel/OLE file (.xls); expected a text export, a workbook saved as .xlsx, or a supported binary (.mpr, .nda, .ndax)");
            if (StartsWith(head, "NEWARE")) return NdaSource.Open(path);
            if (head.Length > 19 && Encoding.ASCII.GetString(head, 4, 15) is "Standard Jet DB" or "Standard ACE DB") return ArbinResSource.Open(path, options);
            if (LooksBinary(path))
                throw new DataFormatException(path, null,
                    $"binary content (first bytes {Convert.ToHexString(head.AsSpan(0, Math.Min(8, head.Length)))}), not a known cycler file; "
                    + "expected a text export (CSV/TSV/.mpt), BioLogic .mpr, Neware .nda/.ndax, Arbin .res or an Arbin/Neware .xlsx export");
            var layout = FormatDetector.Detect(path, options.Format);
            return new TextRecordSource(path, layout, options);
        }
        catch (Exception e) when (e is not DataFormatException and not OutOfMemoryException)
        {
            throw new DataFormatException(path, null, $"cannot open ({e.GetType().Name}: {e.Message}); expected a readable cycler file", inner: e);
        }
    }

    private static RecordSource Zip(string path, ReadOptions options)
    {
        using (var zip = OpenZip(path))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("data.ndc") || names.Contains("TestInfo.xml")) return NdaxSource.Open(path, zip);
            if (names.Contains("xl/workbook.xml")) return XlsxSource.Open(path, options);
            throw new DataFormatException(path, null,
                $"a zip archive holding {string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", ..." : "")}; expected a Neware .ndax (data.ndc, TestInfo.xml) or an Excel .xlsx workbook");
        }
    }

    private static ZipArchive OpenZip(string path)
    {
        try { return ZipFile.OpenRead(path); }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, null, $"starts like a zip archive (.ndax/.xlsx) but is not a readable one ({e.Message}); expected a complete archive", inner: e);
        }
    }

    private static byte[] Head(string path, int count)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "file not found");
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[Math.Min(count, fs.Length)];
        fs.ReadExactly(buffer);
        return buffer;
    }

    private static bool StartsWith(byte[] head, string magic) =>
        head.Length >= magic.Length && Encoding.Latin1.GetString(head, 0, magic.Length) == magic;

    /// <summary>NUL bytes or other control characters in the first 4 KiB of a file that is not UTF-16 text.</summary>
    private static bool LooksBinary(string path)
    {
        var head = Head(path, 4096);
        var encoding = FileProbe.DetectEncoding(head, out int preamble);
        if (encoding.CodePage is 1200 or 1201) return false;
        int control = 0;
        for (int i = preamble; i < head.Length; i++)
        {
            byte b = head[i];
            if (b == 0) return true;
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C or 0x1A)) control++;
        }
        return control > head.Length / 50;
    }
}
