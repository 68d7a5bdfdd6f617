using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Scpi;

namespace DapCu.Twin.Cycler.Keithley;

public sealed partial class Keithley2400
{
    private const double MaxCurrent_A = 1.05, MaxVoltage_V = 210;
    private static readonly double[] CurrentRanges_A = [1e-6, 10e-6, 100e-6, 1e-3, 10e-3, 100e-3, 1];
    private static readonly double[] VoltageRanges_V = [0.2, 2, 20, 200];

    private static string Num(double v) => ScpiFormat.Number(v);
    private static string Bool(bool v) => ScpiFormat.Boolean(v);
    private static ScpiParameter Arg(ScpiCommand c, int i = 0) => c.Parameters[i];

    /// <summary>A number within [min, max], DEF/MIN/MAX resolved; out of range is -222.</summary>
    private static double InRange(ScpiCommand c, double def, double min, double max, int i = 0, string? unit = null)
    {
        var p = Arg(c, i);
        // A suffix must be the quantity's own unit ("5mV" for a current is -131, as on the 2400).
        if (p.Unit is { } given && !SameUnit(given, unit))
            throw new ScpiException(ScpiError.InvalidSuffix, $"{c.Header}: '{p.Text}' is in {given}, expected {unit ?? "no unit"}");
        var v = p.AsNumber(def, min, max);
        if (!double.IsFinite(v) || v < min || v > max)
            throw new ScpiException(ScpiError.DataOutOfRange, $"{c.Header} {v} not in [{min}, {max}]");
        return v;
    }

    private static bool SameUnit(string given, string? expected) =>
        expected is not null && (given == expected || (expected == "S" && given == "SEC"));

    /// <summary>A numeric query: the present value, or with MIN|MAX|DEF (the 2400 answers these for its
    /// numeric settings) the bound asked for.</summary>
    private static string Level(ScpiCommand c, double value, double def, double min, double max) =>
        c.Parameters.Count == 0 ? Num(value)
        : c.Parameters[0].Kind == ScpiParameterKind.Character ? Num(c.Parameters[0].AsNumber(def, min, max))
        : throw new ScpiException(ScpiError.IllegalParameterValue, $"{c.Header}? takes MIN, MAX or DEF, not {c.Parameters[0]}");

    private static int Count(ScpiCommand c, int max) => (int)Math.Round(InRange(c, 1, 1, max));

    /// <summary>Smallest range that holds the value (the 2400 picks ranges this way).</summary>
    private static double RangeFor(double[] ranges, double value) =>
        ranges.FirstOrDefault(r => Math.Abs(value) <= r * 1.05, ranges[^1]);

    private void BuildCommandTable()
    {
        var t = _table;
        // --- IEEE 488.2 common commands ---
        t.AddCommon("IDN", query: _ => Identity);
        t.AddCommon("RST", set: _ => Reset());
        t.AddCommon("CLS", set: _ => Status.Clear());
        t.AddCommon("OPC", set: _ => Status.StandardEvent |= 1, query: _ => "1");
        t.AddCommon("WAI", set: _ => { });
        t.AddCommon("TST", query: _ => "0");
        t.AddCommon("TRG", set: _ => Initiate());
        t.AddCommon("STB", query: _ => ScpiFormat.Integer(Status.StatusByte));
        t.AddCommon("ESR", query: _ => { var v = Status.StandardEvent; Status.StandardEvent = 0; return ScpiFormat.Integer(v); });
        t.AddCommon("SRE", set: c => Status.ServiceRequestEnable = Mask(c) & ~(1 << 6),
            query: _ => ScpiFormat.Integer(Status.ServiceRequestEnable), minArgs: 1, maxArgs: 1);
        t.AddCommon("ESE", set: c => Status.StandardEventEnable = Mask(c),
            query: _ => ScpiFormat.Integer(Status.StandardEventEnable), minArgs: 1, maxArgs: 1);

        // --- SOURce ---
        t.Add("[:SOURce[1]]:FUNCtion[:MODE]",
            c => { Channel.Function = Arg(c).AsChoice("CURRent", "VOLTage") == "CURR" ? SourceFunction.Current : SourceFunction.Voltage; },
            _ => Channel.Function == SourceFunction.Current ? "CURR" : "VOLT");
        t.Add("[:SOURce[1]]:CURRent[:LEVel][:IMMediate][:AMPLitude]",
            c => Channel.CurrentLevel_A = InRange(c, 0, -MaxCurrent_A, MaxCurrent_A, unit: "A"),
            c => Level(c, Channel.CurrentLevel_A, 0, -MaxCurrent_A, MaxCurrent_A), queryMaxArgs: 1);
        t.Add("[:SOURce[1]]:VOLTage[:LEVel][:IMMediate][:AMPLitude]",
            c => Channel.VoltageLevel_V = InRange(c, 0, -MaxVoltage_V, MaxVoltage_V, unit: "V"),
            c => Level(c, Channel.VoltageLevel_V, 0, -MaxVoltage_V, MaxVoltage_V), queryMaxArgs: 1);
        t.Add("[:SOURce[1]]:CURRent:RANGe[:UPPer]",
            c => { CurrentSourceRange_A = RangeFor(CurrentRanges_A, InRange(c, 1e-6, -MaxCurrent_A, MaxCurrent_A)); CurrentSourceAutoRange = false; },
            _ => Num(CurrentSourceRange_A));
        t.Add("[:SOURce[1]]:CURRent:RANGe:AUTO", c => CurrentSourceAutoRange = Arg(c).AsBoolean(), _ => Bool(CurrentSourceAutoRange));
        t.Add("[:SOURce[1]]:VOLTage:RANGe[:UPPer]",
            c => { VoltageSourceRange_V = RangeFor(VoltageRanges_V, InRange(c, 20, -MaxVoltage_V, MaxVoltage_V)); VoltageSourceAutoRange = false; },
            _ => Num(VoltageSourceRange_V));
        t.Add("[:SOURce[1]]:VOLTage:RANGe:AUTO", c => VoltageSourceAutoRange = Arg(c).AsBoolean(), _ => Bool(VoltageSourceAutoRange));
        t.Add("[:SOURce[1]]:DELay", c => SourceDelay_s = InRange(c, 0.001, 0, 9999.999, unit: "S"), c => Level(c, SourceDelay_s, 0.001, 0, 9999.999), queryMaxArgs: 1);
        AddStoredBoolean("[:SOURce[1]]:DELay:AUTO", "SOUR:DEL:AUTO", false);
        AddStoredBoolean("[:SOURce[1]]:CLEar:AUTO", "SOUR:CLE:AUTO", false);
        t.Add("[:SOURce[1]]:CLEar[:IMMediate]", _ => Channel.SetOutput(false), minArgs: 0, maxArgs: 0);
        BuildSweepCommands();

        // --- SENSe ---
        t.Add("[:SENSe[1]]:FUNCtion[:ON]", SetSenseFunctions,
            _ => string.Join(',', Functions.Where(SenseFunctions.Contains).Select(f => f == "RES" ? "\"RES\"" : $"\"{f}:DC\"")),
            maxArgs: 3);
        t.Add("[:SENSe[1]]:FUNCtion:OFF", c => { foreach (var p in c.Parameters) SenseFunctions.Remove(FunctionName(p)); }, maxArgs: 3);
        t.Add("[:SENSe[1]]:FUNCtion:OFF:ALL", _ => SenseFunctions.Clear(), minArgs: 0, maxArgs: 0);
        t.Add("[:SENSe[1]]:FUNCtion:ON:ALL", _ => SenseFunctions.UnionWith(Functions), minArgs: 0, maxArgs: 0);
        t.Add("[:SENSe[1]]:FUNCtion:CONCurrent", c => ConcurrentFunctions = Arg(c).AsBoolean(), _ => Bool(ConcurrentFunctions));
        AddStoredChoice("[:SENSe[1]]:RESistance:MODE", "SENS:RES:MODE", "MAN", "MANual", "AUTO");
        t.Add("[:SENSe[1]]:VOLTage[:DC]:PROTection[:LEVel]",
            c => Channel.VoltageCompliance_V = InRange(c, 21, -MaxVoltage_V, MaxVoltage_V, unit: "V") is var v ? Math.Abs(v) : 0,
            c => Level(c, Channel.VoltageCompliance_V, 21, 0, MaxVoltage_V), queryMaxArgs: 1);
        t.Add("[:SENSe[1]]:CURRent[:DC]:PROTection[:LEVel]",
            c => Channel.CurrentCompliance_A = InRange(c, 105e-6, -MaxCurrent_A, MaxCurrent_A, unit: "A") is var v ? Math.Max(1e-9, Math.Abs(v)) : 0,
            c => Level(c, Channel.CurrentCompliance_A, 105e-6, 1e-9, MaxCurrent_A), queryMaxArgs: 1);
        t.Add("[:SENSe[1]]:VOLTage[:DC]:PROTection:TRIPped", query: _ => Bool(Channel.Function == SourceFunction.Current && Channel.Solve().InCompliance));
        t.Add("[:SENSe[1]]:CURRent[:DC]:PROTection:TRIPped", query: _ => Bool(Channel.Function == SourceFunction.Voltage && Channel.Solve().InCompliance));
        foreach (var (f, pattern, max) in new[] { ("VOLT", "VOLTage[:DC]", MaxVoltage_V), ("CURR", "CURRent[:DC]", MaxCurrent_A), ("RES", "RESistance", 2.1e8) })
        {
            var func = f;
            t.Add($"[:SENSe[1]]:{pattern}:NPLCycles", c => Nplc[func] = InRange(c, 1, 0.01, 10), c => Level(c, Nplc[func], 1, 0.01, 10), queryMaxArgs: 1);
            t.Add($"[:SENSe[1]]:{pattern}:RANGe[:UPPer]",
                c => { SenseRange[func] = Math.Abs(InRange(c, max, -max, max)); SenseAutoRange[func] = false; },
                _ => Num(SenseRange[func]));
            t.Add($"[:SENSe[1]]:{pattern}:RANGe:AUTO", c => SenseAutoRange[func] = Arg(c).AsBoolean(), _ => Bool(SenseAutoRange[func]));
        }
        AddStoredBoolean("[:SENSe[1]]:AVERage[:STATe]", "SENS:AVER", false);
        AddStoredChoice("[:SENSe[1]]:AVERage:TCONtrol", "SENS:AVER:TCON", "REP", "REPeat", "MOVing");
        t.Add("[:SENSe[1]]:AVERage:COUNt", c => _stored["SENS:AVER:COUN"] = ScpiFormat.Integer(Count(c, 100)),
            _ => _stored.GetValueOrDefault("SENS:AVER:COUN", "10"));

        // --- FORMat ---
        t.Add(":FORMat:ELEMents[:SENSe[1]]", SetElements, _ => string.Join(',', Elements), maxArgs: 5);
        t.Add(":FORMat[:DATA]", c =>
        {
            if (Arg(c).AsChoice("ASCii", "REAL", "SREal") != "ASC")
                throw new ScpiException(ScpiError.SettingsConflict, "only ASCII data is emulated (binary would break line framing)");
        }, _ => "ASC", maxArgs: 2);
        AddStoredChoice(":FORMat:BORDer", "FORM:BORD", "SWAP", "NORMal", "SWAPped");

        // --- OUTPut, ROUTe, SYSTem, DISPlay ---
        t.Add(":OUTPut[1][:STATe]", c => Channel.SetOutput(Arg(c).AsBoolean()), _ => Bool(Channel.OutputOn));
        AddStoredChoice(":OUTPut[1]:SMODe", "OUTP:SMOD", "NORM", "HIMPedance", "NORMal", "ZERO", "GUARd");
        t.Add(":ROUTe:TERMinals", c => RearTerminals = Arg(c).AsChoice("FRONt", "REAR") == "REAR", _ => RearTerminals ? "REAR" : "FRON");
        t.Add(":SYSTem:ERRor[:NEXT]", query: _ => Status.Pop().ToString());
        t.Add(":SYSTem:ERRor:ALL", query: _ =>
        {
            var all = new List<string>();
            do all.Add(Status.Pop().ToString()); while (Status.ErrorCount > 0);
            return string.Join(',', all);
        });
        t.Add(":SYSTem:ERRor:COUNt", query: _ => ScpiFormat.Integer(Status.ErrorCount));
        t.Add(":SYSTem:ERRor:CLEar", _ => Status.ClearErrors(), minArgs: 0, maxArgs: 0);
        t.Add(":SYSTem:BEEPer[:IMMediate]", c => { InRange(c, 1000, 65, 2e6, 0); InRange(c, 0.1, 0, 7.9, 1); }, minArgs: 2, maxArgs: 2);
        AddStoredBoolean(":SYSTem:BEEPer:STATe", "SYST:BEEP:STAT", true);
        t.Add(":SYSTem:LOCal", _ => Remote = false, minArgs: 0, maxArgs: 0);
        t.Add(":SYSTem:REMote", _ => Remote = true, minArgs: 0, maxArgs: 0);
        t.Add(":SYSTem:RWLock", _ => Remote = true, minArgs: 0, maxArgs: 1);
        t.Add(":SYSTem:RSENse", c => Channel.RemoteSense = Arg(c).AsBoolean(), _ => Bool(Channel.RemoteSense));
        t.Add(":SYSTem:PRESet", _ => Reset(), minArgs: 0, maxArgs: 0);
        t.Add(":SYSTem:VERSion", query: _ => "1996.0");
        t.Add(":SYSTem:TIME", query: _ => Num(Channel.Time_s - _timeZero_s));
        t.Add(":SYSTem:TIME:RESet", _ => _timeZero_s = Channel.Time_s, minArgs: 0, maxArgs: 0);
        AddStoredChoice(":SYSTem:AZERo[:STATe]", "SYST:AZER", "1", "ON", "OFF", "ONCE", "1", "0");
        t.Add(":DISPlay:ENABle", c => DisplayEnabled = Arg(c).AsBoolean(), _ => Bool(DisplayEnabled));
        t.Add(":DISPlay[:WINDow[1]]:TEXT:DATA", c => _stored["DISP:TEXT"] = Arg(c).AsText(), _ => $"\"{_stored.GetValueOrDefault("DISP:TEXT", "")}\"");
        AddStoredBoolean(":DISPlay[:WINDow[1]]:TEXT:STATe", "DISP:TEXT:STAT", false);

        // --- STATus ---
        t.Add(":STATus:PRESet", _ => Status.Preset(), minArgs: 0, maxArgs: 0);
        t.Add(":STATus:QUEue[:NEXT]", query: _ => Status.Pop().ToString());
        t.Add(":STATus:QUEue:CLEar", _ => Status.ClearErrors(), minArgs: 0, maxArgs: 0);
        t.Add(":STATus:MEASurement[:EVENt]", query: _ => { var v = Status.MeasurementEvent; Status.MeasurementEvent = 0; return ScpiFormat.Integer(v); });
        t.Add(":STATus:MEASurement:ENABle", c => Status.MeasurementEnable = Mask(c), _ => ScpiFormat.Integer(Status.MeasurementEnable));
        t.Add(":STATus:MEASurement:CONDition", query: _ => ScpiFormat.Integer(MeasurementCondition()));
        t.Add(":STATus:QUEStionable[:EVENt]", query: _ => { var v = Status.QuestionableEvent; Status.QuestionableEvent = 0; return ScpiFormat.Integer(v); });
        t.Add(":STATus:QUEStionable:ENABle", c => Status.QuestionableEnable = Mask(c), _ => ScpiFormat.Integer(Status.QuestionableEnable));
        t.Add(":STATus:QUEStionable:CONDition", query: _ => "0");
        t.Add(":STATus:OPERation[:EVENt]", query: _ => { var v = Status.OperationEvent; Status.OperationEvent = 0; return ScpiFormat.Integer(v); });
        t.Add(":STATus:OPERation:ENABle", c => Status.OperationEnable = Mask(c), _ => ScpiFormat.Integer(Status.OperationEnable));
        t.Add(":STATus:OPERation:CONDition", query: _ => "0");

        // --- trigger model ---
        t.Add(":INITiate[:IMMediate]", _ => Initiate(), minArgs: 0, maxArgs: 0);
        // Readings run to completion inside one message; what :ABORt ends is the wait for them, which the
        // transport cuts short when it sees this line (ScpiDialect.Interrupts). Here it leaves the trigger model idle.
        t.Add(":ABORt", _ => _lastReadings = [], minArgs: 0, maxArgs: 0);
        t.Add(":ARM[:SEQuence[1]][:LAYer[1]]:COUNt", c => ArmCount = Count(c, 2500), _ => ScpiFormat.Integer(ArmCount));
        AddStoredChoice(":ARM[:SEQuence[1]][:LAYer[1]][:TCONfigure]:SOURce", "ARM:SOUR", "IMM", "IMMediate", "TIMer", "MANual", "BUS", "TLINk", "NSTest", "PSTest", "BSTest");
        t.Add(":ARM[:SEQuence[1]][:LAYer[1]]:TIMer", c => _stored["ARM:TIM"] = Num(InRange(c, 0.1, 0.001, 99999.99)), _ => _stored.GetValueOrDefault("ARM:TIM", Num(0.1)));
        t.Add(":ARM[:SEQuence[1]][:LAYer[1]][:TCONfigure]:ILINe", c => _stored["ARM:ILIN"] = ScpiFormat.Integer(Count(c, 4)), _ => _stored.GetValueOrDefault("ARM:ILIN", "1"));
        t.Add(":TRIGger[:SEQuence[1]]:COUNt", c => TriggerCount = Count(c, 2500), _ => ScpiFormat.Integer(TriggerCount));
        t.Add(":TRIGger[:SEQuence[1]]:DELay", c => TriggerDelay_s = InRange(c, 0, 0, 999.9999, unit: "S"), c => Level(c, TriggerDelay_s, 0, 0, 999.9999), queryMaxArgs: 1);
        AddStoredChoice(":TRIGger[:SEQuence[1]]:SOURce", "TRIG:SOUR", "IMM", "IMMediate", "TLINk");
        t.Add(":TRIGger[:SEQuence[1]][:TCONfigure]:ILINe", c => _stored["TRIG:ILIN"] = ScpiFormat.Integer(Count(c, 4)), _ => _stored.GetValueOrDefault("TRIG:ILIN", "1"));
        t.Add(":TRIGger[:SEQuence[1]][:TCONfigure]:OLINe", c => _stored["TRIG:OLIN"] = ScpiFormat.Integer(Count(c, 4)), _ => _stored.GetValueOrDefault("TRIG:OLIN", "2"));
        t.Add(":TRIGger[:SEQuence[1]][:TCONfigure]:OUTPut", c => _stored["TRIG:OUTP"] = string.Join(',', c.Parameters.Select(p => p.AsText())),
            _ => _stored.GetValueOrDefault("TRIG:OUTP", "NONE"), maxArgs: 3);
        t.Add(":TRIGger:CLEar", _ => { }, minArgs: 0, maxArgs: 0);

        // --- readings ---
        t.Add(":READ", query: _ => { Initiate(); return Fetch(); });
        t.Add(":FETCh", query: _ => Fetch());
        t.Add(":MEASure", query: _ => { Channel.SetOutput(true); Initiate(); return Fetch(); });
        foreach (var (f, pattern) in new[] { ("VOLT", "VOLTage[:DC]"), ("CURR", "CURRent[:DC]"), ("RES", "RESistance") })
        {
            var func = f;
            t.Add($":MEASure:{pattern}", query: _ => { Configure(func); Channel.SetOutput(true); Initiate(); return Fetch(); });
            t.Add($":CONFigure:{pattern}", _ => Configure(func), minArgs: 0, maxArgs: 0);
        }
        t.Add(":CONFigure", query: _ => string.Join(',', Functions.Where(SenseFunctions.Contains).Select(f => f == "RES" ? "\"RES\"" : $"\"{f}:DC\"")));

        // --- TRACe buffer and CALC3 statistics ---
        t.Add(":TRACe:POINts", c => SetBufferSize(Count(c, 2500)), _ => ScpiFormat.Integer(BufferSize));
        t.Add(":TRACe:POINts:ACTual", query: _ => ScpiFormat.Integer(_buffer.Count));
        t.Add(":TRACe:FREE", query: _ => $"{ScpiFormat.Integer((BufferSize - _buffer.Count) * 40)},{ScpiFormat.Integer(_buffer.Count * 40)}");
        t.Add(":TRACe:CLEar", _ => ClearBuffer(), minArgs: 0, maxArgs: 0);
        t.Add(":TRACe:FEED", c => BufferFeed = Arg(c).AsChoice("SENSe", "CALCulate", "NONE") is var s && s == "CALC" ? "CALC1" : s,
            _ => BufferFeed);
        t.Add(":TRACe:FEED:CONTrol", c => BufferControlNext = Arg(c).AsChoice("NEXT", "NEVer") == "NEXT", _ => BufferControlNext ? "NEXT" : "NEV");
        t.Add(":TRACe:DATA", query: _ => BufferData());
        t.Add(":TRACe:TSTamp:FORMat", c => Arg(c).AsChoice("ABSolute", "DELTa"), _ => "ABS");
        t.Add(":CALCulate3:FORMat", c => Calc3Format = Arg(c).AsChoice("MEAN", "SDEViation", "MAXimum", "MINimum", "PKPK"),
            _ => Calc3Format);
        t.Add(":CALCulate3:DATA", query: _ => Statistics());
    }

    private static int Mask(ScpiCommand c) => (int)Math.Round(InRange(c, 0, 0, 65535));

    private static string FunctionName(ScpiParameter p)
    {
        var name = p.AsText().ToUpperInvariant().Replace(":DC", "");
        foreach (var (f, longForm) in new[] { ("VOLT", "VOLTAGE"), ("CURR", "CURRENT"), ("RES", "RESISTANCE") })
            if (name == f || name == longForm) return f;
        throw new ScpiException(ScpiError.IllegalParameterValue, $"unknown function '{p.Text}'; expected 'VOLT', 'CURR' or 'RES'");
    }

    private void SetSenseFunctions(ScpiCommand c)
    {
        var names = c.Parameters.Select(FunctionName).ToList();
        if (!ConcurrentFunctions) SenseFunctions.Clear();
        SenseFunctions.UnionWith(names);
    }

    private void SetElements(ScpiCommand c)
    {
        var elements = new List<string>();
        foreach (var p in c.Parameters)
        {
            elements.Add(p.AsChoice("VOLTage", "CURRent", "RESistance", "TIME", "STATus"));
        }
        Elements.Clear();
        Elements.AddRange(DefaultElements.Where(elements.Contains));  // the 2400 always sends them in this order
    }

    /// <summary>:CONF:&lt;function&gt; : that function alone, auto range, as the manual describes.</summary>
    private void Configure(string function)
    {
        SenseFunctions.Clear();
        SenseFunctions.Add(function);
        SenseAutoRange[function] = true;
    }

    private void AddStoredBoolean(string pattern, string key, bool initial) =>
        _table.Add(pattern, c => _stored[key] = Bool(Arg(c).AsBoolean()), _ => _stored.GetValueOrDefault(key, Bool(initial)));

    private void AddStoredChoice(string pattern, string key, string initial, params string[] choices) =>
        _table.Add(pattern, c =>
        {
            if (Arg(c).Kind == ScpiParameterKind.Numeric)
            {
                var n = ScpiFormat.Integer((long)Arg(c).Number);
                _stored[key] = choices.Contains(n) ? n : throw new ScpiException(ScpiError.IllegalParameterValue, c.ToString());
            }
            else _stored[key] = Arg(c).AsChoice(choices);
        }, _ => _stored.GetValueOrDefault(key, initial));
}
