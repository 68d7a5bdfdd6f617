namespace DapCu.Twin.Physics.Cathodes;

/// <summary>A cathode seen by the cell: its potential under current and its rated capacity.
/// Positive current oxidises the cathode (charges the cell).</summary>
public interface ICathode
{
    double RatedCapacity_mAh_cm2 { get; }
    CathodeState Initial();
    double OpenCircuit_V(in CathodeState s);
    /// <summary>Potential vs Li/Li+ at a current density, including kinetic and resistive losses.</summary>
    double Potential_V(in CathodeState s, double current_mA_cm2);
}
