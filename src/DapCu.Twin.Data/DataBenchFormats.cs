using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DapCu.Twin.Data;

/// <summary>
/// Import rate and memory for one format and file size: MB of file per second of wall time and of the process's CPU
/// time (the CPU rate is what one free core would give, the wall rate what this box gave under its load), how far the
/// working set rose while reading, and the bytes allocated per MB of file (flat memory: neither grows with the file).
/// </summary>
public sealed record FormatBenchResult(string Format, long FileBytes, long UnpackedBytes, long Rows, double ReadSeconds, double CpuSeconds,
    long WorkingSetRiseBytes, long AllocatedBytes, double GoalMBps)
{
    public double ReadMBps => FileBytes / 1e6 / ReadSeconds;
    public double CpuMBps => FileBytes / 1e6 / CpuSeconds;
    public double GoalRatio => ReadMBps / GoalMBps;
    public double AllocatedBytesPerMB => AllocatedBytes / (FileBytes / 1e6);
    public double RowsPerSecond => Rows / ReadSeconds;
}

/// <summary>
/// Import speed per format on large synthetic files written in each format's own layout: BDF CSV, BioLogic .mpt
/// (EC-Lab's scientific notation, 14 columns), BioLogic .mpr (data module v3) and Neware .ndax (ndc v17 pages in a
/// zip). Goals: 200 MB/s for text, 500 MB/s for binary, flat memory. Each format is read at a quarter of the target
/// size and at the full size, one pass each (an import is one pass: the first read includes the JIT's warm-up).
/// </summary>
public static class DataBenchFormats
{
    public const double TextGoalMBps = 200, BinaryGoalMBps = 500;

    public static IReadOnlyList<FormatBenchResult> Run(string? directory = null, long targetBytes = 200_000_000, TextWriter? log = null)
    {
        log ??= TextWriter.Null;
        directory ??= Path.GetTempPath();
        var inv = CultureInfo.InvariantCulture;
        log.WriteLine($"import ({Environment.ProcessorCount} cores, load {LoadAverage()}; other processes make wall rates noisy, the CPU-time rate less so):");
        var results = new List<FormatBenchResult>();
        foreach (var (name, extension, write, goal) in new (string, string, Action<string, long>, double)[]
                 {
                     ("BDF CSV", ".bdf.csv", WriteBdf, TextGoalMBps), (".mpt", ".mpt", WriteMpt, TextGoalMBps),
                     (".mpr", ".mpr", WriteMpr, BinaryGoalMBps), (".ndax", ".ndax", WriteNdax, BinaryGoalMBps),
                 })
        {
            foreach (var bytes in new[] { targetBytes / 4, targetBytes })
            {
                var path = Path.Combine(directory, $"dapcu-bench-{Environment.ProcessId}{extension}");
                try
                {
                    write(path, bytes);
                    var r = Read(name, path, goal);
                    results.Add(r);
                    var unpacked = r.UnpackedBytes != r.FileBytes ? string.Create(inv, $" ({r.UnpackedBytes / 1e6:F0} MB unpacked: {r.UnpackedBytes / 1e6 / r.ReadSeconds:F0} MB/s)") : "";
                    log.WriteLine(string.Create(inv,
                        $"  {name}: {r.FileBytes / 1e6:F0} MB, {r.Rows:N0} records in {r.ReadSeconds:F2} s: {r.ReadMBps:F0} MB/s wall = {r.GoalRatio:F2}x the {goal:F0} MB/s goal, {r.CpuMBps:F0} MB/s of CPU time{unpacked}; "
                        + $"working set +{r.WorkingSetRiseBytes / 1e6:F0} MB while reading, {r.AllocatedBytesPerMB:F0} B allocated per MB"));
                }
                finally { File.Delete(path); }
            }
        }
        log.WriteLine($"  (load {LoadAverage()} at the end)");
        return results;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "unknown": rates on a shared box mean little without it.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    private static FormatBenchResult Read(string name, string path, double goal)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long baseline = Environment.WorkingSet, peak = baseline, rows = 0, allocated = GC.GetTotalAllocatedBytes(precise: true);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using (var reader = CyclerDataReader.Open(path))
        {
            foreach (var row in reader)
            {
                if ((++rows & 0xFFFF) == 0) peak = Math.Max(peak, Environment.WorkingSet);
            }
        }
        watch.Stop();
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        long fileBytes = new FileInfo(path).Length, unpacked = fileBytes;
        if (path.EndsWith(".ndax", StringComparison.Ordinal))
            using (var zip = ZipFile.OpenRead(path)) unpacked = zip.Entries.Sum(e => e.Length);
        return new FormatBenchResult(name, fileBytes, unpacked, rows, watch.Elapsed.TotalSeconds, cpuSeconds, Math.Max(0, peak - baseline), allocated, goal);
    }

    private static void WriteBdf(string path, long bytes) => DataBench.Generate(path, bytes);

    /// <summary>Galvanostatic cycling sampled every second, as EC-Lab prints it (tab-separated, "0.000000000000000E+000").</summary>
    private static void WriteMpt(string path, long bytes)
    {
        using var w = new StreamWriter(path, false, Encoding.Latin1, 1 << 16);
        const string columns = "mode\tox/red\terror\tcontrol changes\tNs changes\tcounter inc.\tNs\ttime/s\tcontrol/mA\tEwe/V\tI/mA\tdq/mA.h\t(Q-Qo)/mA.h\tcycle number";
        w.Write("EC-Lab ASCII FILE\nNb header lines : 5\n\nGalvanostatic Cycling with Potential Limitation\n" + columns + "\n");
        var inv = CultureInfo.InvariantCulture;
        for (long k = 0; w.BaseStream.Length < bytes; k++)
        {
            bool charging = k % 7200 < 3600;
            double t = k, i = charging ? 2.0 : -2.0, v = 3.7 + (charging ? 3e-4 : -3e-4) * (k % 3600);
            w.Write(string.Create(inv, $"1\t{(charging ? 1 : 0)}\t0\t0\t0\t0\t{(charging ? 0 : 1)}\t{t:E15}\t{i:E15}\t{v:E15}\t{i:E15}\t{i / 3600:E15}\t{k * 1e-4:E15}\t{k / 7200:E15}\n"));
        }
    }

    /// <summary>An .mpr with one VMP Set and one VMP data module (version 3): flags, Ns, time, Ewe, I, dq, (Q-Qo), cycle.</summary>
    private static void WriteMpr(string path, long bytes)
    {
        int[] ids = [1, 2, 3, 21, 31, 65, 131, 4, 6, 8, 7, 13, 24];
        const int record = 1 + 2 + 8 + 4 + 4 + 8 + 8 + 8;
        int points = (int)Math.Min(int.MaxValue / record, bytes / record);
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        fs.Write(Encoding.ASCII.GetBytes("BIO-LOGIC MODULAR FILE\u001a".PadRight(48)));
        fs.Write(new byte[4]);
        var set = new byte[0x300];
        set[0] = 0x04; // GCPL
        Module(fs, "VMP Set", set.Length);
        fs.Write(set);
        Module(fs, "VMP data", 0x196 + points * record);
        var head = new byte[0x196];
        BinaryPrimitives.WriteUInt32LittleEndian(head, (uint)points);
        head[4] = (byte)ids.Length;
        for (int i = 0; i < ids.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(5 + 2 * i), (ushort)ids[i]);
        fs.Write(head);
        var buffer = new byte[record * 4096];
        for (int k = 0; k < points;)
        {
            int n = Math.Min(4096, points - k);
            for (int j = 0; j < n; j++, k++)
            {
                var r = buffer.AsSpan(j * record, record);
                bool charging = k % 7200 < 3600;
                r[0] = (byte)(1 | (charging ? 0x04 : 0));
                BinaryPrimitives.WriteUInt16LittleEndian(r[1..], (ushort)(charging ? 0 : 1));
                BinaryPrimitives.WriteDoubleLittleEndian(r[3..], k);
                BinaryPrimitives.WriteSingleLittleEndian(r[11..], 3.7f + (charging ? 3e-4f : -3e-4f) * (k % 3600));
                BinaryPrimitives.WriteSingleLittleEndian(r[15..], charging ? 2f : -2f);
                BinaryPrimitives.WriteDoubleLittleEndian(r[19..], 2.0 / 3600);
                BinaryPrimitives.WriteDoubleLittleEndian(r[27..], k * 1e-4);
                BinaryPrimitives.WriteDoubleLittleEndian(r[35..], k / 7200);
            }
            fs.Write(buffer, 0, n * record);
        }
    }

    private static void Module(Stream s, string name, int length)
    {
        var h = new byte[6 + 51];
        Encoding.ASCII.GetBytes("MODULE").CopyTo(h, 0);
        Encoding.ASCII.GetBytes(name.PadRight(10)).CopyTo(h, 6);
        Encoding.ASCII.GetBytes(name.PadRight(25)).CopyTo(h, 16);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(6 + 35), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(6 + 39), name == "VMP data" ? 3u : 0u);
        Encoding.ASCII.GetBytes("01/01/25").CopyTo(h, 6 + 43);
        s.Write(h);
    }

    /// <summary>An .ndax (ndc v17): data.ndc pages of (V, A) pairs, runInfo every 10th Index, one step per half cycle.</summary>
    private static void WriteNdax(string path, long bytes)
    {
        const int page = 4096, pairs = (page - 132 - 4) / 8, runPerPage = (page - 132 - 64) / 100;
        long pages = Math.Max(1, bytes / page);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var p = new byte[page];
        using (var data = zip.CreateEntry("data.ndc", CompressionLevel.Fastest).Open())
        {
            Header(data, 1);
            for (long n = 0; n < pages; n++)
            {
                Array.Clear(p);
                for (int j = 0; j < pairs; j++)
                {
                    long k = n * pairs + j;
                    bool charging = k % 7200 < 3600;
                    BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(132 + 8 * j), 3.7f + (charging ? 3e-4f : -3e-4f) * (k % 3600));
                    BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(136 + 8 * j), charging ? 0.002f : -0.002f);
                }
                data.Write(p);
            }
        }
        long records = pages * pairs, halfCycles = records / 3600 + 1;
        using (var run = zip.CreateEntry("data_runInfo.ndc", CompressionLevel.Fastest).Open())
        {
            Header(run, 18);
            long index = 1;
            while (index <= records)
            {
                Array.Clear(p);
                for (int j = 0; j < runPerPage && index <= records; j++, index += 10)
                {
                    var r = p.AsSpan(132 + 100 * j);
                    long k = index - 1;
                    BinaryPrimitives.WriteInt32LittleEndian(r, (int)(k % 3600 * 1000));
                    BinaryPrimitives.WriteSingleLittleEndian(r[5..], k % 7200 < 3600 ? (float)(k % 3600 * 2e-3 / 3600) : 0f);
                    BinaryPrimitives.WriteSingleLittleEndian(r[9..], k % 7200 >= 3600 ? (float)(k % 3600 * 2e-3 / 3600) : 0f);
                    BinaryPrimitives.WriteInt32LittleEndian(r[29..], 1000);
                    BinaryPrimitives.WriteInt32LittleEndian(r[37..], (int)(k / 3600 + 1));
                    BinaryPrimitives.WriteInt32LittleEndian(r[41..], (int)index);
                }
                run.Write(p);
            }
        }
        using var step = zip.CreateEntry("data_step.ndc", CompressionLevel.Fastest).Open();
        Header(step, 7);
        for (long s = 0; s < halfCycles;)
        {
            Array.Clear(p);
            for (int j = 0; j < runPerPage && s < halfCycles; j++, s++)
            {
                var r = p.AsSpan(132 + 100 * j);
                BinaryPrimitives.WriteInt32LittleEndian(r, (int)(s / 2));
                BinaryPrimitives.WriteInt32LittleEndian(r[4..], (int)(s % 2 + 1));
                r[24] = (byte)(s % 2 == 0 ? 1 : 2);
                BinaryPrimitives.WriteInt32LittleEndian(r[33..], (int)(s + 1));
            }
            step.Write(p);
        }
    }

    private static void Header(Stream s, byte fileType)
    {
        var h = new byte[4096];
        h[0] = fileType;
        h[2] = 17;
        s.Write(h);
    }
}
