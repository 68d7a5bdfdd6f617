using System.Buffers.Binary;

namespace DapCu.Twin.Data.Formats.Binary;

/// <summary>
/// Neware BTS .nda (older binary, before .ndax), after d-cogswell/NewareNDA NewareNDA.py @ d895eb2. The file starts
/// "NEWARE"; byte 14 is the version. Version 29 (BTS 7/8): 86-byte records after the first "00 00 00 00 55 00" that
/// begins a run of valid records; a data record starts 55 00 and ends with four zero bytes: Index u32 @2, Cycle u32 @6,
/// step u16 @10, status u8 @12, time u64 ms @14, voltage i32 0.1 mV @22, current i32 @26 and capacities i64 @38/@46,
/// scaled by the current range @78 (<see cref="RangeMultiplier"/>, mA and mA·s); an aux record starts 65 (channel @1,
/// Index @2, temperature i16 0.1 °C @34). Version 130 (BTS 9) from byte 1024: BTS 9.0 writes 88-byte records that
/// repeat the file's first six bytes there (step @9, status @10, Index @16, time u64 µs @28, f32 V @36, mA @40,
/// charge/discharge mA·s @52/@60); BTS 9.1 starts its records with 55 (step @2, status @3, Index @8, time s+ns
/// @12/@16, f32 mA @20, V @24, signed capacity mA·s @28, cycle @36; a 56-byte record carries a temperature f32 @52).
/// Time restarts with each step, as in .ndax: test time continues from the previous record at each step change.
/// The cycle is counted as Neware's software does ("charge first", NewareNDA's default): a new cycle starts at a
/// charge step that follows a discharge. Records are streamed; a duplicate Index (NewareNDA keeps the first) is
/// skipped, an out-of-order one dropped and counted.
/// </summary>
internal sealed class NdaSource : RecordSource
{
    private const int V29Record = 86;
    private readonly string _path;
    private readonly int _version;
    private readonly long _start;
    private readonly int _recordLength;
    private readonly byte[] _identifier;
    private readonly bool _bts91;

    public override CyclerFormat Format => CyclerFormat.NewareNda;
    public override DataColumns BoundColumns =>
        DataColumns.Cycle | DataColumns.Step | DataColumns.StepType | DataColumns.ChargeCapacity | DataColumns.DischargeCapacity;
    public override string Where(in CyclerRow row) => $"Index {row.Line}";

    private NdaSource(string path, int version, long start, int recordLength, byte[] identifier, bool bts91, FileMetadata metadata)
    {
        _path = path;
        _version = version;
        _start = start;
        _recordLength = recordLength;
        _identifier = identifier;
        _bts91 = bts91;
        Metadata = metadata;
    }

    public static NdaSource Open(string path)
    {
        using var fs = File.OpenRead(path);
        var head = new byte[Math.Min(fs.Length, 4 << 20)];
        fs.ReadExactly(head);
        if (head.Length < 15) throw new DataFormatException(path, null, $"a Neware .nda of {head.Length} bytes; expected at least its 15-byte header");
        int version = head[14];
        var name = Path.GetFileNameWithoutExtension(path);
        if (version == 29)
        {
            long start = FindV29Start(path, head);
            double mass_mg = head.Length >= 156 ? BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(152)) / 1000.0 : 0;
            return new NdaSource(path, 29, start, V29Record, [], false, new FileMetadata(CellName: name, ActiveMass_mg: mass_mg > 0 ? mass_mg : null));
        }
        if (version == 130)
        {
            if (head.Length < 1030) throw new DataFormatException(path, null, "a version 130 .nda shorter than its 1024-byte header; expected records from byte 1024");
            bool bts91 = head[1024] == 0x55;
            int length = 88;
            if (bts91)
            {
                // BTS 9.1 records have no fixed length: the distance to the next record that starts like the first.
                int next = head.AsSpan(1026).IndexOf(head.AsSpan(1024, 2));
                if (next < 0) throw new DataFormatException(path, null, "BTS 9.1 .nda with fewer than two records; expected a run of records from byte 1024");
                length = next + 2;
                if (length < 40) throw new DataFormatException(path, null, $"BTS 9.1 records of {length} bytes; expected at least 40");
            }
            return new NdaSource(path, 130, 1024, length, head[1024..1030], bts91, new FileMetadata(CellName: name));
        }
        throw new DataFormatException(path, null, $"Neware .nda version {version}; expected version 29 (BTS 7/8) or 130 (BTS 9)");
    }

    /// <summary>The first "00 00 00 00 55 00" followed, one record on, by another record start and with a non-zero status.</summary>
    private static long FindV29Start(string path, byte[] head)
    {
        ReadOnlySpan<byte> marker = [0, 0, 0, 0, 0x55, 0];
        int from = 0;
        while (true)
        {
            int at = head.AsSpan(from).IndexOf(marker);
            if (at < 0) throw new DataFormatException(path, null, "no data records (no '00 00 00 00 55 00' record start in the first 4 MiB); expected a version 29 .nda");
            at += from;
            int record = at + 4;
            if (record + V29Record >= head.Length) return record; // as NewareNDA: the last candidate is taken
            if (head[record + V29Record] == 0x55 && head[record + 12] != 0) return record;
            from = at + 4;
        }
    }

    private readonly record struct Rec(uint Index, int Step, int Status, double Time_s, double Voltage_V, double Current_mA,
        double Charge_mAh, double Discharge_mAh, double Temperature_C);

    public override IEnumerable<CyclerRow> Records()
    {
        var temperatures = Temperatures();
        int previousStep = int.MinValue;
        double offset = 0, testTime = 0;
        long lastIndex = -1, rows = 0;
        int cycle = 1;
        bool dischargeSeen = false, previousWasCycleStart = false;
        foreach (var (position, record) in RawRecords())
        {
            if (Data(record, position) is not { } r) continue;
            if (r.Index <= lastIndex)
            {
                // A repeat of the last Index is a duplicate (NewareNDA keeps the first); an earlier Index is out of order:
                // NewareNDA sorts, a stream cannot, so the record is dropped and counted.
                if (r.Index < lastIndex)
                {
                    SkippedRows++;
                    if (SkipMessages.Count < 20)
                        SkipMessages.Add($"{_path}: record at byte {position} has Index {r.Index} after Index {lastIndex}; dropped, expected increasing Index");
                }
                continue;
            }
            lastIndex = r.Index;
            if (previousStep != int.MinValue && r.Step != previousStep) offset = testTime;
            previousStep = r.Step;
            testTime = offset + r.Time_s;
            // Neware's cycle count (NewareNDA _generate_cycle_number, "chg" mode).
            bool cycleStart = r.Status is 1 or 7 or 9; // CC_Chg, CCCV_Chg, CP_Chg
            bool risingEdge = cycleStart && !previousWasCycleStart;
            previousWasCycleStart = cycleStart;
            var name = NewareStatus.Name(r.Status);
            if (name.Contains('_'))
            {
                if (risingEdge && dischargeSeen) { cycle++; dischargeSeen = false; }
                else if (name.EndsWith("_DChg", StringComparison.Ordinal)) dischargeSeen = true;
            }
            else if (r.Status == 17) dischargeSeen = true; // SIM
            double temperature = temperatures is not null && temperatures.TryGetValue(r.Index, out var t) ? t : r.Temperature_C;
            rows++;
            Columns |= BoundColumns | (double.IsNaN(temperature) ? 0 : DataColumns.Temperature);
            yield return new CyclerRow(testTime, r.Current_mA * 1e-3, r.Voltage_V, cycle, StepOf(r), NewareStatus.Kind(r.Status), double.NaN,
                r.Charge_mAh * 1e-3, r.Discharge_mAh * 1e-3, temperature, r.Index, StepLabel: Label(name));
        }
        if (rows == 0) throw new DataFormatException(_path, null, "no data records; expected at least one record with an Index and a status");
    }

    private int StepOf(in Rec r) => _version == 29 ? r.Step & 0xFFFF : r.Step;

    /// <summary>Fixed-length records from the data start to the end of the file (or BTS 9's 0x81 end marker).</summary>
    private IEnumerable<(long Position, byte[] Record)> RawRecords()
    {
        using var fs = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        fs.Seek(_start, SeekOrigin.Begin);
        var record = new byte[_recordLength];
        long position = _start;
        while (fs.ReadAtLeast(record, _recordLength, throwOnEndOfStream: false) == _recordLength)
        {
            if (_version == 130 && record[0] == 0x81) yield break;
            yield return (position, record);
            position += _recordLength;
        }
    }

    private Rec? Data(byte[] b, long position)
    {
        var s = b.AsSpan();
        if (_version == 29)
        {
            if (!(b[0] == 0x55 && b[1] == 0 && BinaryPrimitives.ReadInt32LittleEndian(s[82..]) == 0)) return null;
            uint index = BinaryPrimitives.ReadUInt32LittleEndian(s[2..]);
            int status = b[12];
            if (index == 0 || status == 0) return null;
            int range = BinaryPrimitives.ReadInt32LittleEndian(s[78..]);
            if (RangeMultiplier(range) is not { } m)
                throw new DataFormatException(_path, null, $"record at byte {position} (Index {index}) has current range {range}; expected one of Neware's ranges (NewareNDA multiplier_dict)");
            return new Rec(index, BinaryPrimitives.ReadInt32LittleEndian(s[10..]), status,
                BinaryPrimitives.ReadUInt64LittleEndian(s[14..]) / 1000.0,
                BinaryPrimitives.ReadInt32LittleEndian(s[22..]) / 10000.0,
                BinaryPrimitives.ReadInt32LittleEndian(s[26..]) * m,
                BinaryPrimitives.ReadInt64LittleEndian(s[38..]) * m / 3600,
                BinaryPrimitives.ReadInt64LittleEndian(s[46..]) * m / 3600,
                double.NaN);
        }
        if (_bts91)
        {
            if (b[0] != 0x55) return null;
            float capacity = BinaryPrimitives.ReadSingleLittleEndian(s[28..]);
            return new Rec(BinaryPrimitives.ReadUInt32LittleEndian(s[8..]), b[2], b[3],
                BinaryPrimitives.ReadUInt32LittleEndian(s[12..]) + 1e-9 * BinaryPrimitives.ReadUInt32LittleEndian(s[16..]),
                BinaryPrimitives.ReadSingleLittleEndian(s[24..]),
                BinaryPrimitives.ReadSingleLittleEndian(s[20..]),
                Math.Max(capacity, 0) / 3600.0, Math.Abs(Math.Min(capacity, 0)) / 3600.0,
                _recordLength == 56 ? BinaryPrimitives.ReadSingleLittleEndian(s[52..]) : double.NaN);
        }
        if (!s[..6].SequenceEqual(_identifier)) return null;
        var r = s[4..];
        return new Rec(BinaryPrimitives.ReadUInt32LittleEndian(r[12..]), r[5], r[6],
            BinaryPrimitives.ReadUInt64LittleEndian(r[24..]) / 1e6,
            BinaryPrimitives.ReadSingleLittleEndian(r[32..]),
            BinaryPrimitives.ReadSingleLittleEndian(r[36..]),
            BinaryPrimitives.ReadSingleLittleEndian(r[48..]) / 3600.0,
            BinaryPrimitives.ReadSingleLittleEndian(r[56..]) / 3600.0,
            double.NaN);
    }

    /// <summary>Temperature of the first aux channel by Index, from the aux records (a first pass; null when there are none).</summary>
    private Dictionary<uint, double>? Temperatures()
    {
        if (_bts91) return null;
        Dictionary<uint, double>? byIndex = null;
        int channel = -1;
        foreach (var (_, b) in RawRecords())
        {
            var s = b.AsSpan();
            if (_version == 29)
            {
                if (!(b[0] == 0x65 && BinaryPrimitives.ReadInt32LittleEndian(s[82..]) == 0)) continue;
            }
            else if (!(b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0x65)) continue;
            else s = s[4..];
            int aux = s[1];
            if (channel < 0) channel = aux;
            if (aux != channel) continue;
            byIndex ??= [];
            byIndex.TryAdd(BinaryPrimitives.ReadUInt32LittleEndian(s[2..]), BinaryPrimitives.ReadInt16LittleEndian(s[34..]) / 10.0);
        }
        return byIndex;
    }

    /// <summary>NewareNDA dicts.multiplier_dict: the current range setting gives the scale of current and capacity.</summary>
    private static double? RangeMultiplier(int range) => range switch
    {
        -100000000 => 10,
        -200000 or -100000 or -60000 or -50000 or -40000 or -30000 or -20000 or -12000 or -10000 or -6000 or -5000 or -3000 or -2000 or -1000 => 1e-2,
        -500 or -100 => 1e-3,
        -50 or -25 or -20 or -10 => 1e-4,
        -5 or -2 or -1 => 1e-5,
        0 => 0,
        1 or 2 or 5 => 1e-4,
        10 or 20 or 25 or 50 => 1e-3,
        100 or 200 or 250 or 500 => 1e-2,
        1000 or 6000 or 10000 or 12000 or 20000 or 30000 or 40000 or 50000 or 60000 or 100000 or 200000 => 1e-1,
        _ => null,
    };
}
