using DapCu.Twin.Cycler.Scpi;

namespace DapCu.Twin.Cycler.Keithley;

/// <summary>Bits of the 2400's measurement event register (user's manual, section 15).</summary>
[Flags]
public enum MeasurementEvent
{
    None = 0,
    LimitPass = 1 << 5,
    ReadingAvailable = 1 << 6,
    ReadingOverflow = 1 << 7,
    BufferAvailable = 1 << 8,
    BufferFull = 1 << 9,
    Compliance = 1 << 14,
}

/// <summary>
/// The IEEE 488.2 / SCPI status structure of a 2400: error queue (10 entries, the last replaced by -350 on
/// overflow), standard event register (*ESR/*ESE), measurement / questionable / operation event registers with
/// enables, service request enable (*SRE) and the status byte (*STB?). Event registers latch until read or *CLS.
/// </summary>
public sealed class StatusSystem
{
    public const int ErrorQueueCapacity = 10;
    private readonly Queue<ScpiError> _errors = new();

    public int StandardEvent { get; set; }
    public int StandardEventEnable { get; set; }
    public int ServiceRequestEnable { get; set; }
    public int MeasurementEvent { get; set; }
    public int MeasurementCondition { get; set; }
    public int MeasurementEnable { get; set; }
    public int QuestionableEvent { get; set; }
    public int QuestionableEnable { get; set; }
    public int OperationEvent { get; set; }
    public int OperationEnable { get; set; }

    public int ErrorCount => _errors.Count;

    /// <summary>Errors ever queued (read or not): the emulator's error counter per channel.</summary>
    public long ErrorsPushed { get; private set; }

    /// <summary>Queues an error and sets the standard-event bit for its class (CME, EXE, DDE or QYE).</summary>
    public void Push(ScpiError error)
    {
        int bit = error.Code switch
        {
            <= -100 and > -200 => 1 << 5,  // command error
            <= -200 and > -300 => 1 << 4,  // execution error
            <= -400 and > -500 => 1 << 2,  // query error
            _ => 1 << 3,                   // device-dependent
        };
        StandardEvent |= bit;
        ErrorsPushed++;
        if (_errors.Count < ErrorQueueCapacity) { _errors.Enqueue(error); return; }
        // Full: the most recent entry becomes "Queue overflow" (SCPI-1999 21.8.1).
        var kept = _errors.Take(ErrorQueueCapacity - 1).ToArray();
        _errors.Clear();
        foreach (var e in kept) _errors.Enqueue(e);
        _errors.Enqueue(ScpiError.QueueOverflow);
    }

    public ScpiError Pop() => _errors.Count > 0 ? _errors.Dequeue() : ScpiError.NoError;

    public void ClearErrors() => _errors.Clear();

    public void SetMeasurement(MeasurementEvent e) => MeasurementEvent |= (int)e;

    /// <summary>*CLS: clears the event registers and the error queue, keeps the enables.</summary>
    public void Clear()
    {
        StandardEvent = 0; MeasurementEvent = 0; QuestionableEvent = 0; OperationEvent = 0;
        _errors.Clear();
    }

    /// <summary>:STAT:PRES: enables of the SCPI event registers back to 0 (488.2 enables are kept).</summary>
    public void Preset()
    {
        MeasurementEnable = 0; QuestionableEnable = 0; OperationEnable = 0;
    }

    /// <summary>Status byte: MSB(0) EAV(2) QSB(3) MAV(4, never set: replies go out at once) ESB(5) MSS(6) OSB(7).</summary>
    public int StatusByte
    {
        get
        {
            int stb = 0;
            if ((MeasurementEvent & MeasurementEnable) != 0) stb |= 1;
            if (_errors.Count > 0) stb |= 1 << 2;
            if ((QuestionableEvent & QuestionableEnable) != 0) stb |= 1 << 3;
            if ((StandardEvent & StandardEventEnable) != 0) stb |= 1 << 5;
            if ((OperationEvent & OperationEnable) != 0) stb |= 1 << 7;
            if ((stb & ServiceRequestEnable & ~(1 << 6)) != 0) stb |= 1 << 6;
            return stb;
        }
    }
}
