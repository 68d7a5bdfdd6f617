using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace DapCu.Twin.Data.Formats.Binary;

/// <summary>
/// Neware BTS 8 .ndax: a zip of XML (TestInfo, Step) and .ndc binaries (d-cogswell/NewareNDA NewareNDAx.py @ d895eb2).
/// Each .ndc is a 4096 B header then 4096 B pages; byte 0 is the file type, byte 2 the version (11, 14, 16, 17 read
/// here). data.ndc pages hold f32 pairs (voltage, current) from byte 132: V and A in v14/v17, 0.1 mV and mA in
/// v11/v16; a record's Index is its position, zero-voltage padding dropped. data_runInfo.ndc holds, per Index it
/// covers, test time (ms), capacities (mA·s in v11/v16, Ah in v14/v17), dt, the step record; data_step.ndc the cycle,
/// program step and status of each step record. runInfo is sparse: between its records, time advances by the last dt
/// and capacity by the current times dt, as NewareNDA does (its output is partly interpolated, NewareNDA #61). All
/// three files are streamed side by side (a merge join on Index), so memory stays flat. The time in runInfo restarts
/// with every step (NewareNDA's Time column); test time continues from the previous record at each step change.
/// </summary>
internal sealed class NdaxSource : RecordSource
{
    private const int Page = 4096;

    static NdaxSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // GB2312 XML
    private readonly string _path;
    private readonly int _version;
    private readonly string? _auxEntry;
    private readonly int _auxVersion;

    public override CyclerFormat Format => CyclerFormat.NewareNdax;
    public override DataColumns BoundColumns =>
        DataColumns.Cycle | DataColumns.Step | DataColumns.StepType | DataColumns.ChargeCapacity | DataColumns.DischargeCapacity
        | (_auxEntry is not null ? DataColumns.Temperature : 0);
    public override string Where(in CyclerRow row) => $"Index {row.Line}";

    private NdaxSource(string path, int version, FileMetadata metadata, string? auxEntry, int auxVersion)
    {
        _path = path;
        _version = version;
        Metadata = metadata;
        _auxEntry = auxEntry;
        _auxVersion = auxVersion;
    }

    public static NdaxSource Open(string path, ZipArchive zip)
    {
        foreach (var name in new[] { "data.ndc", "data_runInfo.ndc", "data_step.ndc" })
            if (zip.GetEntry(name) is null)
                throw new DataFormatException(path, null, $"Neware .ndax without '{name}'; expected data.ndc, data_runInfo.ndc and data_step.ndc (BTS 8 layout)");
        var (type, version) = NdcHeader(path, zip, "data.ndc");
        if (type != 1 || version is not (11 or 14 or 16 or 17))
            throw new DataFormatException(path, null, $"data.ndc is file type {type} version {version}; expected type 1 in version 11, 14, 16 or 17 (BTS 8)");
        string? cell = null;
        string? auxEntry = null;
        int auxVersion = 0;
        var info = ReadXml(zip, "TestInfo.xml")?.Descendants("TestInfo").FirstOrDefault();
        if (info is not null)
        {
            cell = NonEmpty(info.Attribute("Barcode")?.Value) ?? NonEmpty(info.Attribute("Remark")?.Value);
            // Aux files sort by the numbers in their names and pair in that order with TestInfo's Aux entries;
            // ChlType 103 is a temperature (NewareNDA dicts.aux_chl_type_columns).
            var auxFiles = zip.Entries.Select(e => e.FullName).Where(IsAux).OrderBy(AuxKey, Comparer<(int, int, int)>.Default).ToList();
            var auxInfo = info.Elements().Where(e => e.Name.LocalName.StartsWith("Aux", StringComparison.Ordinal)).ToList();
            for (int i = 0; i < auxFiles.Count && auxEntry is null; i++)
            {
                var (t, v) = NdcHeader(path, zip, auxFiles[i]);
                bool temperature = v == 16 || (i < auxInfo.Count && auxInfo[i].Attribute("ChlType")?.Value == "103");
                if (t == 5 && temperature && v is 14 or 16 or 17) { auxEntry = auxFiles[i]; auxVersion = v; }
            }
        }
        return new NdaxSource(path, version, new FileMetadata(CellName: cell ?? Path.GetFileNameWithoutExtension(path)), auxEntry, auxVersion);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsAux(string name) =>
        name.EndsWith(".ndc", StringComparison.OrdinalIgnoreCase) && (name.StartsWith("data_AUX_", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith("data_", StringComparison.Ordinal) && int.TryParse(name[5..^4], out _)));

    private static (int, int, int) AuxKey(string name)
    {
        var parts = name[..^4].Split('_').Skip(name.StartsWith("data_AUX_", StringComparison.OrdinalIgnoreCase) ? 2 : 1)
            .Select(p => int.TryParse(p, out var n) ? n : 0).Concat([0, 0, 0]).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    private static XDocument? ReadXml(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry) return null;
        try
        {
            using var reader = new StreamReader(entry.Open(), Encoding.GetEncoding("GB18030"));
            return XDocument.Load(reader);
        }
        catch (System.Xml.XmlException) { return null; } // metadata only: a broken XML does not stop the data
    }

    private static (int Type, int Version) NdcHeader(string path, ZipArchive zip, string name)
    {
        using var s = zip.GetEntry(name)!.Open();
        Span<byte> head = stackalloc byte[3];
        if (s.ReadAtLeast(head, 3, throwOnEndOfStream: false) < 3)
            throw new DataFormatException(path, null, $"{name} is shorter than its 3-byte header; expected an .ndc file");
        return (head[0], head[2]);
    }

    private readonly record struct RunInfo(long Index, double Time_s, double Dt_s, double Charge_mAh, double Discharge_mAh, long Step);

    public override IEnumerable<CyclerRow> Records()
    {
        using var zip = ZipFile.OpenRead(_path);
        var steps = StepTable(zip);
        using var data = Pages(zip, "data.ndc").GetEnumerator();
        using var run = RunInfos(zip).GetEnumerator();
        using var aux = _auxEntry is null ? null : AuxValues(zip).GetEnumerator();
        bool haveRun = run.MoveNext();
        RunInfo? last = null;
        double time = double.NaN, charge = 0, discharge = 0, gapCapacity = 0, offset = 0, testTime = 0;
        long index = 0, rows = 0;
        while (data.MoveNext())
        {
            var page = data.Current;
            for (int o = 132; o + 8 <= Page - 4; o += 8)
            {
                index++;
                double temperature = double.NaN;
                if (aux is not null && aux.MoveNext()) temperature = aux.Current;
                float v = BinaryPrimitives.ReadSingleLittleEndian(page.AsSpan(o));
                float i = BinaryPrimitives.ReadSingleLittleEndian(page.AsSpan(o + 4));
                if (v == 0) continue; // page padding
                double voltage = _version is 14 or 17 ? v : 1e-4 * v;
                double current_mA = _version is 14 or 17 ? 1000.0 * i : i;
                while (haveRun && run.Current.Index < index) haveRun = run.MoveNext();
                if (haveRun && run.Current.Index == index)
                {
                    if (last is { } before && before.Step != run.Current.Step) offset = testTime;
                    last = run.Current;
                    time = last.Value.Time_s;
                    charge = Math.Abs(last.Value.Charge_mAh);
                    discharge = Math.Abs(last.Value.Discharge_mAh);
                    gapCapacity = 0;
                    haveRun = run.MoveNext();
                }
                else if (last is { } l)
                {
                    // No runInfo for this Index: NewareNDA's interpolation (time by the last dt, capacity by I dt).
                    time += l.Dt_s;
                    gapCapacity += l.Dt_s * current_mA / 3600;
                    charge = Math.Abs(l.Charge_mAh) + Math.Max(gapCapacity, 0);
                    discharge = Math.Abs(l.Discharge_mAh) + Math.Abs(Math.Min(gapCapacity, 0));
                }
                else continue; // before the first runInfo record nothing gives the time
                testTime = offset + time;
                var (cycle, stepIndex, status) = last!.Value.Step >= 1 && last.Value.Step <= steps.Count ? steps[(int)last.Value.Step - 1] : (0, 0, 0);
                rows++;
                Columns |= DataColumns.Cycle | DataColumns.Step | DataColumns.StepType | DataColumns.ChargeCapacity | DataColumns.DischargeCapacity
                           | (double.IsNaN(temperature) ? 0 : DataColumns.Temperature);
                yield return new CyclerRow(testTime, current_mA * 1e-3, voltage, cycle, stepIndex, NewareStatus.Kind(status), double.NaN,
                    charge * 1e-3, discharge * 1e-3, temperature, index, StepLabel: status == 0 ? -1 : Label(NewareStatus.Name(status)));
            }
        }
        if (rows == 0) throw new DataFormatException(_path, null, "data.ndc holds no records with a time in data_runInfo.ndc; expected at least one");
    }

    private IEnumerable<byte[]> Pages(ZipArchive zip, string name)
    {
        using var s = zip.GetEntry(name)!.Open();
        var page = new byte[Page];
        if (s.ReadAtLeast(page, Page, throwOnEndOfStream: false) < Page) yield break; // the header page
        while (true)
        {
            int n = s.ReadAtLeast(page, Page, throwOnEndOfStream: false);
            if (n == 0) yield break;
            if (n < Page)
                throw new DataFormatException(_path, null, $"{name} ends inside a {Page}-byte page ({n} bytes); expected whole pages (truncated archive?)");
            yield return page;
        }
    }

    /// <summary>(cycle, program step, status) of each step record, in order; the runInfo "Step" counts these from 1.</summary>
    private List<(int Cycle, int StepIndex, int Status)> StepTable(ZipArchive zip)
    {
        var table = new List<(int, int, int)>();
        bool v17 = _version is 16 or 17;
        int size = v17 ? 100 : 37, end = v17 ? Page - 64 : Page - 5;
        foreach (var page in Pages(zip, "data_step.ndc"))
        {
            for (int o = 132; o + size <= end; o += size)
            {
                int cycle = BinaryPrimitives.ReadInt32LittleEndian(page.AsSpan(o));
                int stepIndex = BinaryPrimitives.ReadInt32LittleEndian(page.AsSpan(o + 4));
                int status = page[o + 24];
                bool valid = v17 ? BinaryPrimitives.ReadInt32LittleEndian(page.AsSpan(o + 33)) != 0 : stepIndex != 0;
                if (valid) table.Add((cycle + 1, stepIndex, status));
            }
        }
        return table;
    }

    private IEnumerable<RunInfo> RunInfos(ZipArchive zip)
    {
        // Record layouts '<ixffff8xiiiih' + tail: v11 47 B to page end - 16; v14 55 B to end - 4; v16/v17 100 B to end - 64.
        var (size, end) = _version switch { 11 => (47, Page - 16), 14 => (55, Page - 4), _ => (100, Page - 64) };
        double capacityScale = _version is 14 or 17 ? 1000.0 : 1 / 3600.0; // Ah -> mAh, or mA·s -> mAh
        long previousRaw = long.MinValue, step = 0, previousIndex = long.MinValue;
        foreach (var page in Pages(zip, "data_runInfo.ndc"))
        {
            for (int o = 132; o + size <= end; o += size)
            {
                var r = page.AsSpan(o);
                // i time ms @0, pad, f32 charge/discharge capacity/energy @5..20, 8 pad, i32 dt ms @29, Unix s @33, step @37, Index @41
                int index = BinaryPrimitives.ReadInt32LittleEndian(r[41..]);
                if (index == 0) continue;
                int rawStep = BinaryPrimitives.ReadInt32LittleEndian(r[37..]);
                if (rawStep != previousRaw) { step++; previousRaw = rawStep; }
                if (index == previousIndex && _version != 16) continue; // NewareNDA keeps the first of duplicates
                previousIndex = index;
                yield return new RunInfo(index,
                    BinaryPrimitives.ReadInt32LittleEndian(r) / 1000.0,
                    BinaryPrimitives.ReadInt32LittleEndian(r[29..]) / 1000.0,
                    BinaryPrimitives.ReadSingleLittleEndian(r[5..]) * capacityScale,
                    BinaryPrimitives.ReadSingleLittleEndian(r[9..]) * capacityScale,
                    step);
            }
        }
    }

    /// <summary>Temperature per Index from the first temperature aux file: f32 in v14/v17, i16/10 after an f32 voltage in v16.</summary>
    private IEnumerable<double> AuxValues(ZipArchive zip)
    {
        foreach (var page in Pages(zip, _auxEntry!))
        {
            if (_auxVersion == 16)
                for (int o = 132; o + 7 <= Page - 2; o += 7) yield return BinaryPrimitives.ReadInt16LittleEndian(page.AsSpan(o + 5)) / 10.0;
            else
                for (int o = 132; o + 4 <= Page - 4; o += 4) yield return BinaryPrimitives.ReadSingleLittleEndian(page.AsSpan(o));
        }
    }
}
