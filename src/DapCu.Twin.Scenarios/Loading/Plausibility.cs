using System.Globalization;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Scenarios.Loading;

/// <summary>
/// Values no cell can see are errors, with the range that is plausible, instead of running to figures like
/// −1.45e305 V. The ranges are generous bounds on coin and pouch cells, not limits of the paper's data:
/// current density up to 100 mA/cm2 (the paper's fastest is 10), up to 100 C, voltages within ±10 V,
/// a single step at most 10 years.
/// </summary>
public static class Plausibility
{
    public const double MaxCurrentDensity_mA_cm2 = 100;
    public const double MaxCRate = 100;
    public const double MaxAbsVoltage_V = 10;
    public const double MaxStepDuration_h = 24 * 365.25 * 10;

    public static void Check(Scenario scenario)
    {
        Check(scenario.Protocol, scenario);
        foreach (var cell in scenario.Cells)
            if (cell.Protocol is { } own) Check(own, scenario, cell);
    }

    private static void Check(Protocol protocol, Scenario scenario, CellSpec? only = null)
    {
        foreach (var step in Steps(protocol.Nodes))
            foreach (var cell in only is null ? scenario.Cells.Where(c => c.Protocol is null) : [only])
            {
                ScenarioException Bad(string expected, double found, string unit) => new(scenario.SourcePath, step.Location.Line, step.Location.Column,
                    expected, found.ToString("G4", CultureInfo.InvariantCulture) + " " + unit);
                if (step.Current is { } c)
                {
                    double density = c.Unit switch
                    {
                        CurrentUnit.MilliAmpPerCm2 => c.Value,
                        CurrentUnit.MilliAmp => c.Value / cell.Design.Area_cm2,
                        CurrentUnit.Amp => 1000 * c.Value / cell.Design.Area_cm2,
                        _ => 0,
                    };
                    if (c.Unit == CurrentUnit.CRate && !(Math.Abs(c.Value) <= MaxCRate))
                        throw Bad($"a C-rate within 0 to {MaxCRate} C", c.Value, "C");
                    if (!(Math.Abs(density) <= MaxCurrentDensity_mA_cm2))
                        throw Bad($"a current density within 0 to {MaxCurrentDensity_mA_cm2} mA/cm2 for cell '{cell.Label}' ({cell.Design.Area_cm2} cm2)", density, "mA/cm2");
                }
                foreach (var v in step.Cutoffs.OfType<VoltageCutoff>().Select(v => v.Voltage_V).Concat(step.HoldVoltage_V is { } h ? [h] : []))
                    if (!(Math.Abs(v) <= MaxAbsVoltage_V)) throw Bad($"a voltage within ±{MaxAbsVoltage_V} V", v, "V");
                if (step.Duration_s is { } d && !(d / 3600 <= MaxStepDuration_h))
                    throw Bad($"a step of at most {MaxStepDuration_h:F0} h (10 years)", d / 3600, "h");
            }
    }

    public static IEnumerable<ProtocolStep> Steps(IReadOnlyList<ProtocolNode> nodes) => nodes.SelectMany(n => n switch
    {
        ProtocolStep s => [s],
        ProtocolLoop l => Steps(l.Body),
        _ => Enumerable.Empty<ProtocolStep>(),
    });
}
