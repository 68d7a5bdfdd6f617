using System.Buffers.Binary;
using System.Text;
using System.Runtime.CompilerServices;

namespace DapCu.Twin.Data.Formats.Binary;

/// <summary>
/// BioLogic EC-Lab binary .mpr, streamed. Layout (galvani BioLogic.py, yadg eclab/mpr.py): the magic
/// "BIO-LOGIC MODULAR FILE", then from byte 0x34 modules "MODULE" + header + payload. The header is 10 B short name,
/// 25 B long name, then u32 length and u32 version (before EC-Lab 11.50), or u32 max length (0xFFFFFFFF), u32 length,
/// u32 old and u32 new version (11.50 and later), then an 8 B date. The "VMP data" payload holds u32 points, u8
/// columns and the column ids (u16 little-endian for data versions 2 and 3, big-endian for 10 and 11), with records
/// packed in column order from 0x195 (v2), 0x196 (v3) or 0x3EF (v10/11). "VMP Set" holds the technique id (byte 0)
/// and the electrode area (f4 cm² at 0x211). I/mA is positive for oxidation at the working electrode, our charging.
/// Cycle number is often computed by EC-Lab on export and not stored; the cycle is then 0.
/// Capacity comes from the instrument's own charge counters, not from integrating the logged current: the increments
/// of (Q-Qo) (id 13 mA·h, id 178 C, counted by the potentiostat from the start of the run), else dq (id 7 mA·h, the
/// charge counted since the previous record). Positive increments (oxidation, our charging) add to a charge counter and negative ones to a discharge
/// counter; both run from the start of the file and never reset (EC-Lab's Q charge / Q discharge, exported to .mpt,
/// are the same counts restarted every half cycle).
/// </summary>
internal sealed class MprSource : RecordSource
{
    private readonly string _path;
    private readonly long _dataStart;
    private readonly int _points, _recordSize;
    private readonly Field? _time, _current, _ewe, _ece, _cycle, _ns, _freq, _reZ, _minusImZ, _absZ, _phase, _temperature;
    private readonly Field? _dq, _qqo;
    private readonly double _chargeScale_mAh;
    private double _charge_mAh, _discharge_mAh, _previousQ = double.NaN;
    private readonly int _flagOffset = -1;
    private readonly bool _hasOxRed, _hasMode;
    private DataColumns _bound;

    private readonly record struct Field(int Offset, MprType Type);

    public override CyclerFormat Format => CyclerFormat.BioLogicMpr;
    public override DataColumns BoundColumns => _bound;
    public override string Where(in CyclerRow row) => $"record {row.Line} (byte {_dataStart + (row.Line - 1) * _recordSize})";
    public string Technique { get; }

    private MprSource(string path, long dataStart, int points, int[] ids, int version, string technique, double? area)
    {
        _path = path;
        _dataStart = dataStart;
        _points = points;
        Technique = technique;
        var fields = new Dictionary<int, Field>();
        int offset = 0;
        foreach (var raw in ids)
        {
            if (MprColumns.FlagIds.Contains(raw))
            {
                if (_flagOffset < 0) { _flagOffset = offset; offset++; }
                _hasMode |= raw == 1;
                _hasOxRed |= raw == 2;
                continue;
            }
            int id = raw % 256;
            if (!MprColumns.Types.TryGetValue(id, out var type))
                throw new DataFormatException(path, null,
                    $"VMP data module (version {version}) has column id {raw}, whose size is unknown; expected ids listed by galvani/yadg (the record layout cannot be followed past it): export the file as .mpt from EC-Lab");
            if (id == MprColumns.MeanEwe174 && (ids.Contains(MprColumns.Ewe) || ids.Contains(MprColumns.MeanEwe))) id = 1174; // then Phase(Zwe-ce) (yadg#225)
            fields.TryAdd(id, new Field(offset, type));
            offset += MprColumns.Size(type);
        }
        _recordSize = offset;
        Field? Get(int id) => fields.TryGetValue(id, out var f) ? f : null;
        _time = Get(MprColumns.Time);
        _current = Get(MprColumns.I) ?? Get(MprColumns.MeanIf8) ?? Get(MprColumns.MeanIf4);
        _ewe = Get(MprColumns.Ewe) ?? Get(MprColumns.MeanEwe) ?? Get(MprColumns.MeanEwe174);
        _ece = Get(MprColumns.Ece);
        _cycle = Get(MprColumns.CycleNumber);
        _ns = Get(MprColumns.Ns);
        _freq = Get(MprColumns.Frequency);
        _reZ = Get(MprColumns.ReZ);
        _minusImZ = Get(MprColumns.MinusImZ);
        _absZ = Get(MprColumns.AbsZ);
        _phase = Get(MprColumns.PhaseZ);
        _temperature = Get(MprColumns.Temperature);
        // (Q-Qo) runs from the start of the experiment; dq (id 7) is per record. dQ (ids 23, 179) restarts with
        // each sequence in newer files (EC-Lab 11.50 CP/CA: it equals (Q-Qo) there), so it is not used.
        _qqo = Get(MprColumns.QQo);
        _chargeScale_mAh = 1;
        if (_qqo is null && Get(MprColumns.QQoCoulomb) is { } coulomb) { _qqo = coulomb; _chargeScale_mAh = 1 / 3.6; } // C -> mA·h
        if (_qqo is null) _dq = Get(MprColumns.Dq);
        var idList = string.Join(", ", ids);
        if (_time is null) throw new DataFormatException(path, null, $"VMP data module has no time column (id 4) among ids {idList}; expected time/s");
        if (_current is null)
            throw new DataFormatException(path, null, $"VMP data module of a {technique} run stores no current column (I id 8, <I> id 11 or 76) among ids {idList}; EC-Lab computes it on export: expected an .mpt export of this file");
        if (_ewe is null) throw new DataFormatException(path, null, $"VMP data module has no potential column (Ewe id 6, <Ewe> id 77) among ids {idList}");
        _bound = (_hasMode || _hasOxRed ? DataColumns.StepType : 0) | (_temperature is not null ? DataColumns.Temperature : 0)
                 | (_freq is not null && (_reZ is not null || _absZ is not null) ? DataColumns.Impedance : 0)
                 | (_dq is not null || _qqo is not null ? DataColumns.ChargeCapacity | DataColumns.DischargeCapacity : 0);
        Metadata = new FileMetadata(CellName: Path.GetFileNameWithoutExtension(path), Area_cm2: area);
    }

    public static MprSource Open(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = fs.Length;
        long pos = 0x34;
        (long Start, int Length, int Version)? data = null;
        string technique = "unknown technique";
        double? area = null;
        var header = new byte[59];
        while (pos + 6 + 51 <= length)
        {
            fs.Position = pos;
            fs.ReadExactly(header, 0, Math.Min(header.Length, (int)Math.Min(header.Length, length - pos)));
            if (Encoding.ASCII.GetString(header, 0, 6) != "MODULE")
                throw new DataFormatException(path, null, $"at byte {pos}: expected the module tag 'MODULE', found bytes {Convert.ToHexString(header, 0, 6)}");
            var name = Encoding.Latin1.GetString(header, 6, 10).Trim();
            bool newHeader = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(6 + 35)) == 0xFFFFFFFF;
            int moduleLength, version, headerLength;
            if (newHeader)
            {
                moduleLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(6 + 39)));
                version = (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(6 + 47));
                headerLength = 59;
            }
            else
            {
                moduleLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(6 + 35)));
                version = (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(6 + 39));
                headerLength = 51;
            }
            long payload = pos + 6 + headerLength;
            if (moduleLength < 0 || payload + moduleLength > length)
                throw new DataFormatException(path, null, $"module '{name}' at byte {pos} claims {moduleLength} bytes but the file ends at byte {length} (truncated?); expected a complete module");
            if (name == "VMP Set" && moduleLength > 0x215)
            {
                var set = new byte[0x215];
                fs.Position = payload;
                fs.ReadExactly(set);
                technique = TechniqueName(set[0]);
                float a = BinaryPrimitives.ReadSingleLittleEndian(set.AsSpan(0x211));
                if (a > 0 && float.IsFinite(a)) area = a;
            }
            else if (name == "VMP data" && data is null) data = (payload, moduleLength, version);
            pos = payload + moduleLength;
        }
        if (data is not { } d) throw new DataFormatException(path, null, "no 'VMP data' module found; expected an EC-Lab .mpr holding data");
        if (d.Length < 5) throw new DataFormatException(path, null, $"the VMP data module at byte {d.Start} is {d.Length} bytes; expected a point count and column ids");
        var head = new byte[Math.Min(d.Length, 5 + 2 * 255)];
        fs.Position = d.Start;
        fs.ReadExactly(head);
        int points = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(head));
        int columns = head[4];
        int first = d.Version switch
        {
            10 or 11 => 0x3EF,
            2 => 0x195,
            3 => 0x196,
            _ => throw new DataFormatException(path, null, $"VMP data module version {d.Version} is not known; expected 2, 3 (EC-Lab before 11.50), 10 or 11 (11.50 and later)"),
        };
        if (5 + 2 * columns > head.Length) throw new DataFormatException(path, null, $"the VMP data module at byte {d.Start} lists {columns} columns but is only {d.Length} bytes long");
        var ids = new int[columns];
        for (int i = 0; i < columns; i++)
            ids[i] = d.Version >= 10 ? BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(5 + 2 * i)) : BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(5 + 2 * i));
        var source = new MprSource(path, d.Start + first, points, ids, d.Version, technique, area);
        long needed = (long)points * source._recordSize;
        if (first + needed > d.Length)
            throw new DataFormatException(path, null, $"the VMP data module holds {d.Length - first} bytes of records but {points} points of {source._recordSize} bytes need {needed} (truncated?)");
        return source;
    }

    /// <summary>Technique ids at byte 0 of "VMP Set" (yadg techniques.py).</summary>
    private static string TechniqueName(byte id) => id switch
    {
        0x04 or 0x77 => "GCPL", 0x06 or 0x30 => "CV", 0x0B => "OCV", 0x16 => "MP", 0x18 => "CA", 0x19 => "CP", 0x1C => "WAIT",
        0x1D => "PEIS", 0x1E => "GEIS", 0x32 => "ZIR", 0x33 => "CVA", 0x6C => "LSV", 0x75 => "CoV", 0x76 => "CoC", 0x7F => "MB", 0x88 => "BCD",
        _ => $"technique 0x{id:X2}",
    };

    // The pass: records are read in 64 KiB chunks into one buffer and decoded in place.
    private FileStream? _file;
    private byte[] _buffer = [];
    private int _inBuffer, _at;
    private long _record;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per record: optimised from the first call (an import is one pass)
    public override bool TryRead(out CyclerRow row)
    {
        if (_at == _inBuffer && !Fill())
        {
            row = default;
            return false;
        }
        _record++;
        row = Row(_buffer.AsSpan(_at * _recordSize, _recordSize), _record);
        _at++;
        return true;
    }

    private bool Fill()
    {
        if (_file is null)
        {
            if (_points == 0) throw new DataFormatException(_path, null, "the VMP data module holds 0 points; expected at least one record");
            _file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan) { Position = _dataStart };
            _buffer = new byte[Math.Max(1, (1 << 16) / _recordSize) * _recordSize];
            // Which optional quantities every record holds is known from the column list.
            Columns |= (_hasMode || _hasOxRed ? DataColumns.StepType : 0) | (_cycle is not null ? DataColumns.Cycle : 0) | (_ns is not null ? DataColumns.Step : 0);
        }
        int n = (int)Math.Min(_buffer.Length / _recordSize, _points - _record);
        if (n == 0) return false;
        _file.ReadExactly(_buffer, 0, n * _recordSize);
        _inBuffer = n;
        _at = 0;
        return true;
    }

    public override void Dispose()
    {
        _file?.Dispose();
        base.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CyclerRow Row(ReadOnlySpan<byte> r, long record)
    {
        double time = Read(r, _time!.Value);
        double current = Read(r, _current!.Value) * 1e-3;
        double voltage = Read(r, _ewe!.Value);
        if (_ece is { } ece) voltage -= Read(r, ece); // Ecell = Ewe - Ece, as EC-Lab exports it
        int cycle = _cycle is { } c ? (int)Read(r, c) : 0;
        int step = _ns is { } s ? (int)Read(r, s) : 0;
        var kind = StepKind.Unknown;
        if (_flagOffset >= 0)
        {
            byte flags = r[_flagOffset];
            kind = _hasMode && (flags & 0x03) == 3 ? StepKind.Rest
                : _hasOxRed ? ((flags & 0x04) != 0 ? StepKind.Charge : StepKind.Discharge) : StepKind.Unknown;
        }
        double temperature = _temperature is { } t ? Read(r, t) : double.NaN;
        if (!double.IsNaN(temperature) && (Columns & DataColumns.Temperature) == 0) Columns |= DataColumns.Temperature;
        double f = double.NaN, re = double.NaN, mim = double.NaN;
        if (_freq is { } fq && Read(r, fq) is var freq && freq > 0)
        {
            f = freq;
            if (_reZ is { } rz && _minusImZ is { } iz) { re = Read(r, rz); mim = Read(r, iz); }
            else if (_absZ is { } az && _phase is { } ph)
            {
                // Only |Z| and Phase(Z) stored (MB files): EC-Lab exports Re(Z) = |Z| cos φ and -Im(Z) = -|Z| sin φ.
                double z = Read(r, az), phi = Read(r, ph) * Math.PI / 180;
                re = z * Math.Cos(phi);
                mim = -z * Math.Sin(phi);
            }
            Columns |= DataColumns.Impedance;
        }
        double charge = double.NaN, discharge = double.NaN;
        if (_dq is not null || _qqo is not null)
        {
            double increment;
            if (_dq is { } dq) increment = Read(r, dq);
            else
            {
                double q = Read(r, _qqo!.Value) * _chargeScale_mAh;
                increment = double.IsNaN(_previousQ) ? 0 : q - _previousQ;
                _previousQ = q;
            }
            if (double.IsFinite(increment))
            {
                if (increment > 0) _charge_mAh += increment; else _discharge_mAh -= increment;
            }
            charge = _charge_mAh * 1e-3;
            discharge = _discharge_mAh * 1e-3;
            Columns |= DataColumns.ChargeCapacity | DataColumns.DischargeCapacity;
        }
        return new CyclerRow(time, current, voltage, cycle, step, kind, double.NaN, charge, discharge, temperature, record, f, re, mim);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Read(ReadOnlySpan<byte> r, Field f) => f.Type switch
    {
        MprType.F8 => BinaryPrimitives.ReadDoubleLittleEndian(r[f.Offset..]),
        MprType.F4 => BinaryPrimitives.ReadSingleLittleEndian(r[f.Offset..]),
        MprType.U2 => BinaryPrimitives.ReadUInt16LittleEndian(r[f.Offset..]),
        MprType.U4 => BinaryPrimitives.ReadUInt32LittleEndian(r[f.Offset..]),
        _ => r[f.Offset],
    };
}
