using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;

namespace DapCu.Twin.Physics.Cell;

/// <summary>A cell model with its own state, driven in amperes like a real cell on an instrument.
/// Not thread-safe: one owner (a channel grain, a replay) drives it.</summary>
public sealed class VirtualCell : IVirtualCell
{
    private CellState _state;

    public VirtualCell(CellModel model, ulong seed)
    {
        Model = model;
        _state = model.CreateInitialState(seed);
    }

    public VirtualCell(CellDesign design, ParameterSet parameters, ulong seed) : this(new CellModel(design, parameters), seed) { }

    public CellModel Model { get; }
    public CellState State { get => _state; set => _state = value; }
    public double Time_s => _state.Time_s;
    public double Area_cm2 => Model.Design.Area_cm2;
    public bool IsShorted => _state.Shorted;

    /// <summary>Events of the last advance (short, exhaustion, dendrite onset...).</summary>
    public CellEvents LastEvents { get; private set; }

    public TerminalReading Advance(double current_A, double duration_s)
    {
        var j = CurrentDensity_mA_cm2(current_A);
        LastEvents = Model.Advance(ref _state, j, duration_s);
        return new TerminalReading(_state.Time_s, Model.Voltage_V(_state, j), current_A, _state.Shorted);
    }

    public double TerminalVoltage_V(double current_A) => Model.Voltage_V(_state, CurrentDensity_mA_cm2(current_A));

    /// <summary>Open-circuit voltage now.</summary>
    public double OpenCircuitVoltage_V => Model.OpenCircuitVoltage_V(_state);

    private double CurrentDensity_mA_cm2(double current_A) => current_A * 1000.0 / Model.Design.Area_cm2;
}
