using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using System.Runtime.CompilerServices;

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

    // The pass: data.ndc, data_runInfo.ndc and the aux file are read side by side, one page of each in memory.
    private ZipArchive? _zip;
    private List<(int Cycle, int StepIndex, int Status)> _steps = [];
    private Pages? _data, _runPages, _auxPages;
    private int _o = Page, _runO, _auxO;
    private RunInfo _run, _last;
    private bool _haveRun, _haveLast, _ended;
    private double _time = double.NaN, _gapCapacity, _offset, _testTime;
    private long _index, _rows;
    // runInfo decoding state: the "Step" counter and duplicate filter (NewareNDA keeps the first of duplicates).
    private long _previousRaw = long.MinValue, _step, _previousIndex = long.MinValue;
    private readonly int[] _statusLabel = Enumerable.Repeat(-2, 256).ToArray();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per record: optimised from the first call (an import is one pass)
    public override bool TryRead(out CyclerRow row)
    {
        if (_data is null) Start();
        while (true)
        {
            if (_o + 8 > Page - 4)
            {
                if (!_data!.Next()) { End(); row = default; return false; }
                _o = 132;
            }
            var page = _data!.Page;
            int o = _o;
            _o += 8;
            _index++;
            double temperature = double.NaN;
            if (_auxPages is not null && NextAux(out var t)) temperature = t;
            float v = BinaryPrimitives.ReadSingleLittleEndian(page[o..]);
            float i = BinaryPrimitives.ReadSingleLittleEndian(page[(o + 4)..]);
            if (v == 0) continue; // page padding
            double voltage = _version is 14 or 17 ? v : 1e-4 * v;
            double current_mA = _version is 14 or 17 ? 1000.0 * i : i;
            while (_haveRun && _run.Index < _index) _haveRun = NextRun(out _run);
            double charge, discharge;
            if (_haveRun && _run.Index == _index)
            {
                if (_haveLast && _last.Step != _run.Step) _offset = _testTime;
                _last = _run;
                _haveLast = true;
                _time = _last.Time_s;
                charge = Math.Abs(_last.Charge_mAh);
                discharge = Math.Abs(_last.Discharge_mAh);
                _gapCapacity = 0;
                _haveRun = NextRun(out _run);
            }
            else if (_haveLast)
            {
                // No runInfo for this Index: NewareNDA's interpolation (time by the last dt, capacity by I dt).
                _time += _last.Dt_s;
                _gapCapacity += _last.Dt_s * current_mA / 3600;
                charge = Math.Abs(_last.Charge_mAh) + Math.Max(_gapCapacity, 0);
                discharge = Math.Abs(_last.Discharge_mAh) + Math.Abs(Math.Min(_gapCapacity, 0));
            }
            else continue; // before the first runInfo record nothing gives the time
            _testTime = _offset + _time;
            if (_last.Step != _stepOf) StepChanged();
            _rows++;
            if (!double.IsNaN(temperature) && (Columns & DataColumns.Temperature) == 0) Columns |= DataColumns.Temperature;
            row = new CyclerRow(_testTime, current_mA * 1e-3, voltage, _cycle, _stepIndex, _kind, double.NaN,
                charge * 1e-3, discharge * 1e-3, temperature, _index, StepLabel: _label);
            return true;
        }
    }

    private void Start()
    {
        _zip = ZipFile.OpenRead(_path);
        _steps = StepTable(_zip);
        _data = new Pages(_zip, "data.ndc", _path);
        _runPages = new Pages(_zip, "data_runInfo.ndc", _path);
        if (_auxEntry is not null) _auxPages = new Pages(_zip, _auxEntry, _path);
        (_runSize, _runEnd) = _version switch { 11 => (47, Page - 16), 14 => (55, Page - 4), _ => (100, Page - 64) };
        _runO = Page;
        _auxO = Page;
        _haveRun = NextRun(out _run);
        Columns |= DataColumns.Cycle | DataColumns.Step | DataColumns.StepType | DataColumns.ChargeCapacity | DataColumns.DischargeCapacity;
    }

    private void End()
    {
        if (_ended) return;
        _ended = true;
        if (_rows == 0) throw new DataFormatException(_path, null, "data.ndc holds no records with a time in data_runInfo.ndc; expected at least one");
    }

    // Cycle, program step, kind and label of the step record the current runInfo points at (they change once a step).
    private long _stepOf = long.MinValue;
    private int _cycle, _stepIndex, _label = -1;
    private StepKind _kind;

    private void StepChanged()
    {
        _stepOf = _last.Step;
        var (cycle, stepIndex, status) = _last.Step >= 1 && _last.Step <= _steps.Count ? _steps[(int)_last.Step - 1] : (0, 0, 0);
        (_cycle, _stepIndex, _kind, _label) = (cycle, stepIndex, NewareStatus.Kind(status), StatusLabel(status));
    }

    private int StatusLabel(int status)
    {
        if (status == 0) return -1;
        if (status is < 0 or > 255) return Label(NewareStatus.Name(status));
        if (_statusLabel[status] == -2) _statusLabel[status] = Label(NewareStatus.Name(status));
        return _statusLabel[status];
    }

    private int _runSize, _runEnd;

    /// <summary>The next runInfo record. Layouts '&lt;ixffff8xiiiih' + tail: v11 47 B to page end - 16; v14 55 B to end - 4; v16/v17 100 B to end - 64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NextRun(out RunInfo info)
    {
        double capacityScale = _version is 14 or 17 ? 1000.0 : 1 / 3600.0; // Ah -> mAh, or mA·s -> mAh
        while (true)
        {
            if (_runO + _runSize > _runEnd)
            {
                if (!_runPages!.Next()) { info = default; return false; }
                _runO = 132;
            }
            var r = _runPages!.Page[_runO..];
            _runO += _runSize;
            // i time ms @0, pad, f32 charge/discharge capacity/energy @5..20, 8 pad, i32 dt ms @29, Unix s @33, step @37, Index @41
            int index = BinaryPrimitives.ReadInt32LittleEndian(r[41..]);
            if (index == 0) continue;
            int rawStep = BinaryPrimitives.ReadInt32LittleEndian(r[37..]);
            if (rawStep != _previousRaw) { _step++; _previousRaw = rawStep; }
            if (index == _previousIndex && _version != 16) continue;
            _previousIndex = index;
            info = new RunInfo(index,
                BinaryPrimitives.ReadInt32LittleEndian(r) / 1000.0,
                BinaryPrimitives.ReadInt32LittleEndian(r[29..]) / 1000.0,
                BinaryPrimitives.ReadSingleLittleEndian(r[5..]) * capacityScale,
                BinaryPrimitives.ReadSingleLittleEndian(r[9..]) * capacityScale,
                _step);
            return true;
        }
    }

    /// <summary>Temperature per Index from the first temperature aux file: f32 in v14/v17, i16/10 after an f32 voltage in v16.</summary>
    private bool NextAux(out double value)
    {
        int size = _auxVersion == 16 ? 7 : 4, end = _auxVersion == 16 ? Page - 2 : Page - 4;
        if (_auxO + size > end)
        {
            if (!_auxPages!.Next()) { value = double.NaN; return false; }
            _auxO = 132;
        }
        var r = _auxPages!.Page[_auxO..];
        _auxO += size;
        value = _auxVersion == 16 ? BinaryPrimitives.ReadInt16LittleEndian(r[5..]) / 10.0 : BinaryPrimitives.ReadSingleLittleEndian(r);
        return true;
    }

    public override void Dispose()
    {
        _data?.Dispose();
        _runPages?.Dispose();
        _auxPages?.Dispose();
        _zip?.Dispose();
        base.Dispose();
    }

    /// <summary>The 4096-byte pages of one .ndc entry after its header page, streamed from the zip 16 pages at a time.</summary>
    private sealed class Pages : IDisposable
    {
        private readonly Stream _stream;
        private readonly string _name, _path;
        private readonly byte[] _buffer = new byte[16 * NdaxSource.Page];
        private int _start = -NdaxSource.Page, _filled;
        private bool _started, _ended;

        /// <summary>The current page (valid after <see cref="Next"/> returned true).</summary>
        public ReadOnlySpan<byte> Page => _buffer.AsSpan(_start, NdaxSource.Page);

        public Pages(ZipArchive zip, string name, string path)
        {
            _stream = zip.GetEntry(name)!.Open();
            _name = name;
            _path = path;
        }

        public bool Next()
        {
            _start += NdaxSource.Page;
            if (_start >= _filled)
            {
                if (_ended) return false;
                _filled = _stream.ReadAtLeast(_buffer, _buffer.Length, throwOnEndOfStream: false);
                _ended = _filled < _buffer.Length;
                _start = 0;
                if (!_started)
                {
                    _started = true;
                    if (_filled < NdaxSource.Page) return false; // no complete header page: no pages
                    _start = NdaxSource.Page; // skip the header page
                }
                if (_start >= _filled) return false;
            }
            if (_start + NdaxSource.Page > _filled)
                throw new DataFormatException(_path, null, $"{_name} ends inside a {NdaxSource.Page}-byte page ({_filled - _start} bytes); expected whole pages (truncated archive?)");
            return true;
        }

        public void Dispose() => _stream.Dispose();
    }

    /// <summary>(cycle, program step, status) of each step record, in order; the runInfo "Step" counts these from 1.</summary>
    private List<(int Cycle, int StepIndex, int Status)> StepTable(ZipArchive zip)
    {
        var table = new List<(int, int, int)>();
        bool v17 = _version is 16 or 17;
        int size = v17 ? 100 : 37, end = v17 ? Page - 64 : Page - 5;
        using var pages = new Pages(zip, "data_step.ndc", _path);
        while (pages.Next())
        {
            var page = pages.Page;
            for (int o = 132; o + size <= end; o += size)
            {
                int cycle = BinaryPrimitives.ReadInt32LittleEndian(page[o..]);
                int stepIndex = BinaryPrimitives.ReadInt32LittleEndian(page[(o + 4)..]);
                int status = page[o + 24];
                bool valid = v17 ? BinaryPrimitives.ReadInt32LittleEndian(page[(o + 33)..]) != 0 : stepIndex != 0;
                if (valid) table.Add((cycle + 1, stepIndex, status));
            }
        }
        return table;
    }
}
