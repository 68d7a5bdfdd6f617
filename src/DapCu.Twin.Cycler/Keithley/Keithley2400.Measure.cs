using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Scpi;

namespace DapCu.Twin.Cycler.Keithley;

/// <summary>One reading as the 2400 stores it: voltage, current, resistance, timestamp and status word.</summary>
public readonly record struct Reading2400(double Voltage_V, double Current_A, double Resistance_ohm, double Time_s, int StatusWord);

public sealed partial class Keithley2400
{
    private readonly List<Reading2400> _buffer = new();
    private Reading2400[] _lastReadings = [];

    public int BufferSize { get; private set; } = 2500;
    /// <summary>SENS, CALC1 or NONE: what the trigger model stores in the buffer.</summary>
    public string BufferFeed { get; private set; } = "SENS";
    /// <summary>NEXT fills the buffer and falls back to NEVer when it is full, as on the 2400.</summary>
    public bool BufferControlNext { get; private set; }
    public string Calc3Format { get; private set; } = "MEAN";
    public IReadOnlyList<Reading2400> Buffer => _buffer;

    /// <summary>Status word bits (2400 manual, "status word"): front terminals 2, compliance 3, V/I/Ω measured
    /// 11/12/13, V/I source 14/15, remote sense 22.</summary>
    private int StatusWord(bool inCompliance)
    {
        int w = 0;
        if (!RearTerminals) w |= 1 << 2;
        if (inCompliance) w |= 1 << 3;
        if (SenseFunctions.Contains("VOLT")) w |= 1 << 11;
        if (SenseFunctions.Contains("CURR")) w |= 1 << 12;
        if (SenseFunctions.Contains("RES")) w |= 1 << 13;
        w |= Channel.Function == SourceFunction.Voltage ? 1 << 14 : 1 << 15;
        if (Channel.RemoteSense) w |= 1 << 22;
        return w;
    }

    /// <summary>Virtual seconds one reading takes: trigger delay, then one integration per sense function
    /// (1 PLC = 1/60 s).</summary>
    public double ReadingDuration_s =>
        TriggerDelay_s + Math.Max(1, SenseFunctions.Count) * SenseFunctions.DefaultIfEmpty("VOLT").Max(f => Nplc[f]) / 60.0;

    /// <summary>:INIT : runs the trigger model (arm count × trigger count readings), storing into the buffer
    /// when it is enabled. Virtual time moves on by each reading's duration; the caller waits for it.</summary>
    private void Initiate()
    {
        if (!Channel.OutputOn && !ReadWithOutputOff)
            throw new ScpiException(ScpiError.OutputDisabled, "turn the output on (:OUTP ON) before triggering readings");
        int n = ArmCount * TriggerCount;
        if (n > 2500) throw new ScpiException(ScpiError.SettingsConflict, "arm count × trigger count > 2500");
        var readings = new Reading2400[n];
        double duration = ReadingDuration_s;
        var levels = SweepLevels();
        double bias = SourceLevel;
        if (levels is not null) duration += SourceDelay_s;
        for (int k = 0; k < n; k++)
        {
            if (levels is not null) SetSourceLevel(levels[k % levels.Length]);
            Channel.Advance(duration);
            _busy_s += duration / Channel.TimeScale;
            var r = Channel.Measure();
            double resistance = SenseFunctions.Contains("RES")
                ? (r.Current_A != 0 ? r.Voltage_V / r.Current_A : ScpiFormat.Overflow)
                : ScpiFormat.NotMeasured;
            readings[k] = new Reading2400(r.Voltage_V, r.Current_A, resistance, r.Time_s - _timeZero_s, StatusWord(r.InCompliance));
            Status.SetMeasurement(MeasurementEvent.ReadingAvailable | (r.InCompliance ? MeasurementEvent.Compliance : 0));
            Store(readings[k]);
        }
        if (levels is not null) SetSourceLevel(bias);   // back to the bias level, as after a 2400 sweep
        _lastReadings = readings;
    }

    private void Store(Reading2400 reading)
    {
        if (!BufferControlNext || BufferFeed == "NONE") return;
        _buffer.Add(reading);
        Status.SetMeasurement(MeasurementEvent.BufferAvailable);
        if (_buffer.Count >= BufferSize)
        {
            BufferControlNext = false;
            Status.SetMeasurement(MeasurementEvent.BufferFull);
        }
    }

    private int MeasurementCondition()
    {
        int c = 0;
        if (_buffer.Count > 0) c |= (int)MeasurementEvent.BufferAvailable;
        if (_buffer.Count >= BufferSize) c |= (int)MeasurementEvent.BufferFull;
        if (Channel.OutputOn && Channel.Solve().InCompliance) c |= (int)MeasurementEvent.Compliance;
        return c;
    }

    private void SetBufferSize(int points)
    {
        BufferSize = points;
        if (_buffer.Count > points) _buffer.RemoveRange(points, _buffer.Count - points);
    }

    private void ClearBuffer() => _buffer.Clear();

    private string Fetch()
    {
        if (_lastReadings.Length == 0) throw new ScpiException(ScpiError.DataCorruptOrStale, "no reading to fetch");
        return Format(_lastReadings);
    }

    private string BufferData()
    {
        if (_buffer.Count == 0) throw new ScpiException(ScpiError.DataCorruptOrStale, "buffer is empty");
        return Format(_buffer);
    }

    private string Format(IEnumerable<Reading2400> readings) =>
        string.Join(',', readings.SelectMany(r => Elements.Select(e => Num(Element(r, e)))));

    private static double Element(Reading2400 r, string element) => element switch
    {
        "VOLT" => r.Voltage_V,
        "CURR" => r.Current_A,
        "RES" => r.Resistance_ohm,
        "TIME" => r.Time_s,
        _ => r.StatusWord,
    };

    /// <summary>:CALC3:DATA? : the selected statistic over the buffer, for voltage, current and (when it was
    /// measured) resistance, in that order, whatever FORM:ELEM says (2400 manual, :CALCulate3:DATA?). Voltage and
    /// current are in every reading (one measured, the other the source readback).</summary>
    private string Statistics()
    {
        if (_buffer.Count == 0) throw new ScpiException(ScpiError.DataCorruptOrStale, "buffer is empty");
        var values = new List<string>();
        bool resistance = _buffer.Any(r => r.Resistance_ohm != ScpiFormat.NotMeasured);
        foreach (var e in resistance ? new[] { "VOLT", "CURR", "RES" } : ["VOLT", "CURR"])
        {
            var xs = _buffer.Select(r => Element(r, e)).ToArray();
            double mean = xs.Average();
            double stat = Calc3Format switch
            {
                "MAX" => xs.Max(),
                "MIN" => xs.Min(),
                "PKPK" => xs.Max() - xs.Min(),
                "SDEV" => xs.Length < 2 ? 0 : Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1)),
                _ => mean,
            };
            values.Add(Num(stat));
        }
        return string.Join(',', values);
    }
}
