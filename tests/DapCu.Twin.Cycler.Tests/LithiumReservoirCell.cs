using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>
/// Test double of a Li|Cu half cell: Li metal on the Cu working electrode (starts empty) against a large Li
/// counter. Plating (negative current) deposits Li with a fixed coulombic loss; stripping removes it, and when
/// the working electrode runs out of Li its potential climbs toward bare Cu (about 3 V), which ends the strip.
/// Terminal voltage: electrode potential + R·I + Butler-Volmer-like 25 mV·asinh(I / 2 i0). The electrode potential
/// is 0 V while Li is being plated (plus a nucleation overpotential that fades as Li covers the Cu) and, at rest or
/// while stripping, 0 V while Li covers the Cu, climbing to 3 V (bare Cu) in the last few µAh.
/// </summary>
public sealed class LithiumReservoirCell(double area_cm2 = 1.0, double series_ohm = 10, double exchange_A = 1e-3,
    double platingEfficiency = 0.98, double initialLi_mAh = 0) : IVirtualCell
{
    public double Time_s { get; private set; }
    public double Area_cm2 => area_cm2;
    public bool IsShorted => false;
    /// <summary>Li on the working electrode that can still be stripped.</summary>
    public double ActiveLi_mAh { get; private set; } = initialLi_mAh;
    /// <summary>Charge a source tried to strip beyond the Li there was (a real cell cannot deliver it).</summary>
    public double Overdrawn_mAh { get; private set; }
    /// <summary>Li lost to dead Li and SEI while plating.</summary>
    public double LostLi_mAh { get; private set; }

    public TerminalReading Advance(double current_A, double duration_s)
    {
        double dq_mAh = current_A * 1000 * duration_s / 3600;
        if (dq_mAh < 0)
        {
            ActiveLi_mAh += -dq_mAh * platingEfficiency;
            LostLi_mAh += -dq_mAh * (1 - platingEfficiency);
        }
        else
        {
            Overdrawn_mAh += Math.Max(0, dq_mAh - ActiveLi_mAh);
            ActiveLi_mAh = Math.Max(0, ActiveLi_mAh - dq_mAh);
        }
        Time_s += duration_s;
        return new TerminalReading(Time_s, TerminalVoltage_V(current_A), current_A, false);
    }

    /// <summary>Working-electrode potential vs Li at rest: 0 V under Li, 3 V for bare Cu.</summary>
    public double OpenCircuit_V => 3.0 * Math.Exp(-ActiveLi_mAh / 0.002);

    public double TerminalVoltage_V(double current_A)
    {
        double electrode = current_A < 0 ? -0.030 * Math.Exp(-ActiveLi_mAh / 0.05) : OpenCircuit_V;
        return electrode + current_A * series_ohm + 0.025 * Math.Asinh(current_A / (2 * exchange_A));
    }

    /// <summary>The two designs the tests use: a host that keeps Li active, and planar Cu that loses more.</summary>
    public static LithiumReservoirCell ForDesign(string design) => design switch
    {
        "dap-half" => new LithiumReservoirCell(series_ohm: 8, exchange_A: 2e-3, platingEfficiency: 0.985),
        "pl-half" => new LithiumReservoirCell(series_ohm: 15, exchange_A: 0.7e-3, platingEfficiency: 0.93),
        _ => throw new ArgumentException($"test double knows dap-half and pl-half, not '{design}'"),
    };
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => _ticks;
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(_ticks);
    public void Advance(double seconds) => _ticks += (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
}

/// <summary>A clock that moves a fixed step each time the emulator reads it (once per client message): the
/// channel time a client sees depends on how many messages it sent, not on how busy the machine is.</summary>
public sealed class SteppingClock(double step_s) : TimeProvider
{
    private readonly long _step = (long)Math.Round(step_s * TimeSpan.TicksPerSecond);
    private long _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Add(ref _ticks, _step);
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(Interlocked.Read(ref _ticks));
}
