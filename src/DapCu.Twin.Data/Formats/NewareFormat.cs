namespace DapCu.Twin.Data.Formats;

/// <summary>
/// Neware BTS CSV export. Flat: "DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time|Total Time,Current(A),
/// Voltage(V),Capacity(Ah),...,Chg. Cap.(Ah),...,DChg. Cap.(Ah),...,Date,..." (cellpy neware_txt_zero/one/two; currents
/// and capacities in A/Ah or mA/mAh). "Time" is the step time and "Cumulative Time"/"Total Time" the test time, as
/// "hh:mm:ss" with hours past 24, or seconds in BTS 8 ("Total Time(s)", battery-data-format NEWARE). Chinese
/// software writes 总时间/测试时间, 电流(mA), 电压(V), 循环号, 工步号, 工步类型 in GB18030.
/// The "regular" export nests records under step and cycle rows (<see cref="RowHierarchy"/>).
/// Step Type ("CC DChg", "CC Chg", "Rest", 恒流放电) decides the sign, as some exports print magnitudes.
/// </summary>
internal sealed class NewareFormat : FormatSpec
{
    public override CyclerFormat Format => CyclerFormat.Neware;
    public override char Delimiter => ',';
    public override char[] Delimiters => [',', '\t', ';'];
    public override TimeEncoding TimeEncoding => TimeEncoding.Clock;
    public override bool SignFromStepKind => true;

    private static readonly Dictionary<string, Alias> Aliases = new()
    {
        ["cumulativetime"] = new(Quantity.Time, "s"),
        ["totaltime"] = new(Quantity.Time, "s"),
        ["testtime"] = new(Quantity.Time, "s"),
        ["总时间"] = new(Quantity.Time, "s"),
        ["测试时间"] = new(Quantity.Time, "s"),
        ["累计时间"] = new(Quantity.Time, "s"),
        ["current"] = new(Quantity.Current, "A"),
        ["电流"] = new(Quantity.Current, "A"),
        ["voltage"] = new(Quantity.Voltage, "V"),
        ["电压"] = new(Quantity.Voltage, "V"),
        ["cycleindex"] = new(Quantity.Cycle, "1"),
        ["cycleid"] = new(Quantity.Cycle, "1"),
        ["循环号"] = new(Quantity.Cycle, "1"),
        ["循环序号"] = new(Quantity.Cycle, "1"),
        ["stepindex"] = new(Quantity.Step, "1"),
        ["stepid"] = new(Quantity.Step, "1"),
        ["工步号"] = new(Quantity.Step, "1"),
        ["工步序号"] = new(Quantity.Step, "1"),
        ["steptype"] = new(Quantity.StepType, "1"),
        ["工步类型"] = new(Quantity.StepType, "1"),
        ["capacity"] = new(Quantity.StepCapacity, "Ah"),
        ["容量"] = new(Quantity.StepCapacity, "Ah"),
        ["chgcap"] = new(Quantity.ChargeCapacity, "Ah"),
        ["chgcapacity"] = new(Quantity.ChargeCapacity, "Ah"),
        ["chargecapacity"] = new(Quantity.ChargeCapacity, "Ah"),
        ["充电容量"] = new(Quantity.ChargeCapacity, "Ah"),
        ["dchgcap"] = new(Quantity.DischargeCapacity, "Ah"),
        ["dchgcapacity"] = new(Quantity.DischargeCapacity, "Ah"),
        ["dischargecapacity"] = new(Quantity.DischargeCapacity, "Ah"),
        ["放电容量"] = new(Quantity.DischargeCapacity, "Ah"),
        ["temperature"] = new(Quantity.Temperature, "degC"),
        ["温度"] = new(Quantity.Temperature, "degC"),
    };

    public override int FindHeader(FileProbe probe, char delimiter)
    {
        for (int i = 0; i < Math.Min(3, probe.Lines.Count); i++)
        {
            var fields = Fields(probe.Lines[i], delimiter);
            var q = QuantitiesOf(fields);
            if (!(q.Contains(Quantity.Time) && q.Contains(Quantity.Current) && q.Contains(Quantity.Voltage))) continue;
            // Flat files name the step type or Neware's own test-time column on the record line (Arbin also
            // writes "Test Time (s)" and "Cycle Index"); nested ones name the step type on the step line above.
            var keys = Keys(fields);
            if (q.Contains(Quantity.StepType) || keys.Any(k => k is "totaltime" or "cumulativetime" or "总时间" or "测试时间" or "累计时间")) return i;
            if (i == 2 && fields.Length > 2 && fields[0].Length == 0 && fields[1].Length == 0
                && Keys(Fields(probe.Lines[1], delimiter)).Contains("steptype")) return i;
        }
        return -1;
    }

    public override RowHierarchy? Hierarchy(FileProbe probe, int headerIndex, char delimiter)
    {
        if (headerIndex != 2) return null;
        var records = Fields(probe.Lines[2], delimiter);
        if (records.Length < 3 || records[0].Length > 0 || records[1].Length > 0) return null;
        var cycle = Keys(Fields(probe.Lines[0], delimiter));
        var step = Keys(Fields(probe.Lines[1], delimiter));
        return new RowHierarchy(Math.Max(0, Array.IndexOf(cycle, "cycleindex")), cycle.Length,
            Array.IndexOf(step, "stepindex"), Array.IndexOf(step, "steptype"));
    }

    public override ColumnRole? Classify(string column) => ByAlias(column, Aliases);

    public override string Example(Quantity quantity) => quantity switch
    {
        Quantity.Time => "'Cumulative Time', 'Total Time' or 'Total Time(s)'",
        Quantity.Current => "'Current(A)' or 'Current(mA)'",
        Quantity.Voltage => "'Voltage(V)'",
        _ => quantity.ToString(),
    };
}
