using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Scenarios.Execution;

/// <summary>Reads the nominal value of an override key (see <see cref="ScenarioOverrides"/>) for one variant:
/// the centre of a fleet's spread.</summary>
public static class ScenarioValues
{
    public static double Get(Scenario scenario, string variant, string key)
    {
        var cell = scenario.Cells.FirstOrDefault(c => c.Label == variant) ?? scenario.Cells[0];
        var d = cell.Design;
        return key.ToLowerInvariant() switch
        {
            "np_ratio" => d.NpRatio,
            "area_cm2" => d.Area_cm2,
            "separator_thickness_um" => d.SeparatorThickness_um,
            "preplated_mah_cm2" => d.PreplatedLi_mAh_cm2,
            "cathode_loading_mg_cm2" => d.CathodeLoading_mg_cm2,
            "current_density_ma_cm2" => FirstArealStep(cell.Protocol ?? scenario.Protocol)?.Current!.Value.Value
                ?? throw new ArgumentException("current_density_mA_cm2: the protocol has no step with a current in mA/cm2"),
            "areal_capacity_mah_cm2" => FirstArealStep(cell.Protocol ?? scenario.Protocol, timed: true) is { } s
                ? s.Current!.Value.Value * s.Duration_s!.Value / 3600.0
                : throw new ArgumentException("areal_capacity_mAh_cm2: the protocol has no timed step with a current in mA/cm2"),
            _ => cell.Parameters.Get(key),
        };
    }

    private static ProtocolStep? FirstArealStep(Protocol protocol, bool timed = false)
    {
        IEnumerable<ProtocolStep> Steps(IReadOnlyList<ProtocolNode> nodes) => nodes.SelectMany(n => n switch
        {
            ProtocolStep s => [s],
            ProtocolLoop l => Steps(l.Body),
            _ => [],
        });
        return Steps(protocol.Nodes).FirstOrDefault(s => s.Current is { Unit: CurrentUnit.MilliAmpPerCm2 } && (!timed || s.Duration_s is not null));
    }
}
