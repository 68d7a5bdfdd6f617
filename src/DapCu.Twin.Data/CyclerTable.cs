namespace DapCu.Twin.Data;

/// <summary>
/// A cycler record held constant between two records: the current <see cref="Current_A"/> flowed from
/// <see cref="Start_s"/> to <see cref="End_s"/>. This is what a replay feeds to a virtual cell's Advance.
/// </summary>
public readonly record struct CurrentSegment(double Start_s, double End_s, double Current_A, int Cycle, int Step, StepKind StepType)
{
    public double Duration_s => End_s - Start_s;
}

/// <summary>
/// A whole cycler file in memory, column by column (about 70 bytes a record). For files too big to hold, stream
/// <see cref="CyclerDataReader"/> instead; everything here is also computable on the stream.
/// </summary>
public sealed class CyclerTable
{
    private double[] _time = [], _current = [], _voltage = [], _stepCap = [], _chargeCap = [], _dischargeCap = [], _temperature = [];
    private int[] _cycle = [], _step = [];
    private StepKind[] _kind = [];

    public int Count { get; private set; }
    /// <summary>Impedance records (PEIS/GEIS) in file order: frequency, Re Z and −Im Z.</summary>
    public List<(double Frequency_Hz, double ReZ_Ohm, double MinusImZ_Ohm)> Impedance { get; } = [];
    public CyclerFormat? SourceFormat { get; init; }
    public string? SourcePath { get; init; }
    public DataColumns Columns { get; init; }
    public long SkippedRows { get; init; }
    /// <summary>Cell name, electrode area and active mass from the file's header, where it has them.</summary>
    public FileMetadata Metadata { get; init; } = FileMetadata.None;
    /// <summary>Repairs made while reading (time stepping back), naming the lines.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public ReadOnlySpan<double> Time_s => _time.AsSpan(0, Count);
    public ReadOnlySpan<double> Current_A => _current.AsSpan(0, Count);
    public ReadOnlySpan<double> Voltage_V => _voltage.AsSpan(0, Count);
    public ReadOnlySpan<int> Cycle => _cycle.AsSpan(0, Count);
    public ReadOnlySpan<int> Step => _step.AsSpan(0, Count);

    public CyclerRow this[int i] => new(_time[i], _current[i], _voltage[i], _cycle[i], _step[i], _kind[i], _stepCap[i], _chargeCap[i], _dischargeCap[i], _temperature[i], 0);

    public IEnumerable<CyclerRow> Rows()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    /// <summary>Reads a whole file (format detected from its content) into memory.</summary>
    public static CyclerTable Load(string path, ReadOptions? options = null)
    {
        using var activity = Scenarios.Telemetry.TwinActivities.Source.StartActivity("dapcu.data.import");
        using var reader = CyclerDataReader.Open(path, options);
        var rows = new List<CyclerRow>();
        foreach (var row in reader) rows.Add(row);
        activity?.SetTag("dapcu.data.format", reader.Format.ToString());
        activity?.SetTag("dapcu.data.rows", rows.Count);
        return FromRows(rows, reader.Columns, reader.Format, path, reader.SkippedRows, reader.Metadata,
            reader.Warnings.Concat(reader.SkipMessages).ToList());
    }

    public static CyclerTable FromRows(IEnumerable<CyclerRow> rows, DataColumns columns, CyclerFormat? format = null, string? path = null,
        long skipped = 0, FileMetadata? metadata = null, IReadOnlyList<string>? warnings = null)
    {
        var table = new CyclerTable
        {
            Columns = columns, SourceFormat = format, SourcePath = path, SkippedRows = skipped,
            Metadata = metadata ?? FileMetadata.None, Warnings = warnings ?? [],
        };
        foreach (var row in rows) table.Add(row);
        return table;
    }

    private void Add(in CyclerRow row)
    {
        if (row.IsImpedance) Impedance.Add((row.Frequency_Hz, row.ReZ_Ohm, row.MinusImZ_Ohm));
        if (Count == _time.Length) Grow(Math.Max(1024, Count * 2));
        int i = Count++;
        _time[i] = row.Time_s; _current[i] = row.Current_A; _voltage[i] = row.Voltage_V;
        _cycle[i] = row.Cycle; _step[i] = row.Step; _kind[i] = row.StepType;
        _stepCap[i] = row.StepCapacity_Ah; _chargeCap[i] = row.ChargeCapacity_Ah; _dischargeCap[i] = row.DischargeCapacity_Ah;
        _temperature[i] = row.Temperature_C;
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _time, capacity); Array.Resize(ref _current, capacity); Array.Resize(ref _voltage, capacity);
        Array.Resize(ref _cycle, capacity); Array.Resize(ref _step, capacity); Array.Resize(ref _kind, capacity);
        Array.Resize(ref _stepCap, capacity); Array.Resize(ref _chargeCap, capacity); Array.Resize(ref _dischargeCap, capacity);
        Array.Resize(ref _temperature, capacity);
    }

    /// <summary>
    /// The measured current as constant-current segments for a replay. A record's current is taken to have
    /// flowed since the previous record (the first record after a step change already shows the new current).
    /// Consecutive intervals of the same cycle and step whose current differs by at most
    /// <paramref name="tolerance_A"/> merge into one segment carrying their time-weighted mean current.
    /// </summary>
    public IEnumerable<CurrentSegment> CurrentSegments(double tolerance_A = 0)
    {
        int i = 1;
        while (i < Count)
        {
            double start = _time[i - 1], charge_As = 0, first = _current[i];
            int cycle = _cycle[i], step = _step[i];
            var kind = _kind[i];
            int j = i;
            while (j < Count && _cycle[j] == cycle && _step[j] == step && Math.Abs(_current[j] - first) <= tolerance_A)
            {
                charge_As += _current[j] * (_time[j] - _time[j - 1]);
                j++;
            }
            double end = _time[j - 1];
            if (end > start) yield return new CurrentSegment(start, end, charge_As / (end - start), cycle, step, kind);
            i = j;
        }
    }
}
