namespace DapCu.Twin.Physics.Cell;

/// <summary>
/// A cell seen from its two terminals: all an instrument channel (or a replay of measured data) needs.
/// Sign convention (BDF and Keithley 2400 alike): positive current flows into the positive terminal
/// and charges the cell. The positive terminal is the working electrode: the Cu / DAP-Cu host of a
/// Li|Cu half cell, electrode A of a symmetric cell, the cathode of a full cell. So a negative
/// current plates Li onto the Cu working electrode of a half cell.
/// </summary>
public interface IVirtualCell
{
    /// <summary>Cell time since assembly.</summary>
    double Time_s { get; }

    /// <summary>Geometric electrode area.</summary>
    double Area_cm2 { get; }

    /// <summary>True once an internal short (dendrite through the separator) has occurred.</summary>
    bool IsShorted { get; }

    /// <summary>Advances the cell at constant current for a duration and returns the reading at its end.</summary>
    TerminalReading Advance(double current_A, double duration_s);

    /// <summary>Terminal voltage the cell would show right now at the given current (no state change).</summary>
    double TerminalVoltage_V(double current_A);
}

/// <summary>What a source-measure unit reads at the terminals.</summary>
public readonly record struct TerminalReading(double Time_s, double Voltage_V, double Current_A, bool Shorted);
