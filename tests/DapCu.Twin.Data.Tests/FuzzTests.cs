using DapCu.Twin.Data.Analysis;
using DapCu.Twin.Data.Export;

namespace DapCu.Twin.Data.Tests;

/// <summary>
/// Mutated real files (fixed seed, bounded count) fed to every reader: any outcome but a DataFormatException naming
/// the file is a failure. Mutations: random bytes, cuts, deleted/duplicated/zeroed ranges, stray quotes, delimiters,
/// line ends and NULs.
/// </summary>
public class FuzzTests
{
    private const int MutationsPerFile = 40;
    private const int MutationsPerLargeBinary = 12; // binaries over 512 KiB (.res, .xlsx, .nda): each read parses the whole file
    private const int MaxBytes = 48 * 1024; // text files are cut to this before mutation, so the run stays short

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(TestData.File("x"))!).Where(f => !f.EndsWith(".md") && !f.EndsWith(".ftr") && !f.EndsWith(".parquet")).Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Mutated_file_gives_a_clear_error_or_rows_never_a_crash(string name)
    {
        var source = TestData.File(name);
        var original = File.ReadAllBytes(source);
        bool binary = original.AsSpan(0, Math.Min(4096, original.Length)).Contains((byte)0);
        if (!binary && original.Length > MaxBytes) original = original[..MaxBytes];
        var random = new Random(name.Aggregate(17, (h, c) => h * 31 + c));
        using var dir = new TempDir();
        var failures = new List<string>();
        int mutations = binary && original.Length > 512 * 1024 ? MutationsPerLargeBinary : MutationsPerFile;
        for (int m = 0; m < mutations; m++)
        {
            var (bytes, what) = Mutate(original, random);
            var path = dir.File($"m{m}{Path.GetExtension(source)}");
            File.WriteAllBytes(path, bytes);
            foreach (var options in new[] { ReadOptions.Strict, ReadOptions.Lenient with { RejectRepairs = m % 2 == 0 } })
            {
                try
                {
                    using var reader = CyclerDataReader.Open(path, options);
                    var summary = CycleSummaryBuilder.Of(reader);
                    Assert.True(summary.Rows > 0);
                }
                catch (DataFormatException e)
                {
                    if (!e.Message.Contains(path)) failures.Add($"{what}: message does not name the file: {e.Message}");
                }
                catch (Exception e)
                {
                    failures.Add($"{what}: {e.GetType().Name}: {e.Message}");
                }
            }
            try { CyclerConverter.ToBdf(path, dir.File($"m{m}.bdf.csv")); }
            catch (DataFormatException) { }
            catch (Exception e) { failures.Add($"{what} (convert): {e.GetType().Name}: {e.Message}"); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static (byte[] Bytes, string What) Mutate(byte[] input, Random random)
    {
        var b = new List<byte>(input);
        int Pos() => random.Next(Math.Max(1, b.Count));
        switch (random.Next(7))
        {
            case 0:
                int n = 1 + random.Next(16);
                for (int k = 0; k < n && b.Count > 0; k++) b[Pos()] = (byte)random.Next(256);
                return (b.ToArray(), $"{n} random bytes");
            case 1:
                int cut = Pos();
                return (input[..cut], $"cut at byte {cut}");
            case 2:
            {
                int at = Pos(), len = Math.Min(b.Count - at, 1 + random.Next(512));
                b.RemoveRange(at, len);
                return (b.ToArray(), $"deleted {len} bytes at {at}");
            }
            case 3:
            {
                int at = Pos(), len = Math.Min(b.Count - at, 1 + random.Next(512));
                b.InsertRange(Pos(), b.GetRange(at, len));
                return (b.ToArray(), $"duplicated {len} bytes from {at}");
            }
            case 4:
            {
                int at = Pos(), len = Math.Min(b.Count - at, 1 + random.Next(256));
                for (int k = at; k < at + len; k++) b[k] = 0;
                return (b.ToArray(), $"zeroed {len} bytes at {at}");
            }
            case 5:
            {
                byte[] stray = [(byte)'"', (byte)',', (byte)'\t', (byte)'\n', (byte)';', 0, 0xFF, (byte)'-', (byte)'.'];
                int n2 = 1 + random.Next(8);
                for (int k = 0; k < n2; k++) b.Insert(Pos(), stray[random.Next(stray.Length)]);
                return (b.ToArray(), $"{n2} stray characters");
            }
            default:
            {
                // A big number where a small one was: module lengths, point counts, field widths.
                int at = Pos();
                for (int k = 0; k < 4 && at + k < b.Count; k++) b[at + k] = 0xFF;
                return (b.ToArray(), $"0xFFFFFFFF at {at}");
            }
        }
    }
}
