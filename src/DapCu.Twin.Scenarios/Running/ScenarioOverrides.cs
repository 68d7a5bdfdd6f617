using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Scenarios;

/// <summary>Changes one value of a scenario for sweeps and fleets: a design key, a protocol current,
/// or any parameter path (e.g. dap.interface_resistance_ohm_cm2).</summary>
public static class ScenarioOverrides
{
    public static readonly IReadOnlyList<string> DesignKeys =
        ["np_ratio", "current_density_mA_cm2", "areal_capacity_mAh_cm2", "area_cm2", "separator_thickness_um", "preplated_mAh_cm2",
         "cathode_loading_mg_cm2", "host.thickness_um", "host.pore_volume_cm3_g"];

    public static Scenario Apply(Scenario s, string key, double value)
    {
        var k = key.ToLowerInvariant();
        return k switch
        {
            "current_density_ma_cm2" => With(s, protocol: MapSteps(s.Protocol, st => st.Current is { Unit: CurrentUnit.MilliAmpPerCm2 } ? st with { Current = new CurrentSpec(value, CurrentUnit.MilliAmpPerCm2) } : st)),
            "areal_capacity_mah_cm2" => With(s, protocol: MapSteps(s.Protocol, st => st.Kind is StepKind.Charge or StepKind.Discharge && st.Duration_s is { } && st.Current is { Unit: CurrentUnit.MilliAmpPerCm2 } c
                ? st with { Duration_s = value / c.Value * 3600.0 } : st)),
            "np_ratio" => Cells(s, c => c with { Design = c.Design with { NpRatio = value } }),
            "area_cm2" => Cells(s, c => c with { Design = c.Design with { Area_cm2 = value } }),
            "separator_thickness_um" => Cells(s, c => c with { Design = c.Design with { SeparatorThickness_um = value } }),
            "preplated_mah_cm2" => Cells(s, c => c with { Design = c.Design with { PreplatedLi_mAh_cm2 = value } }),
            "cathode_loading_mg_cm2" => Cells(s, c => c with { Design = c.Design with { CathodeLoading_mg_cm2 = value } }),
            _ => Cells(s, c => c with { Parameters = c.Parameters.With(key, value) }),
        };
    }

    private static Scenario Cells(Scenario s, Func<CellSpec, CellSpec> f)
    {
        var cells = s.Cells.Select(f).ToList();
        foreach (var c in cells) c.Design.Validate(c.Parameters);
        return With(s, cells: cells);
    }

    private static Scenario With(Scenario s, Protocol? protocol = null, IReadOnlyList<CellSpec>? cells = null) => new()
    {
        Name = s.Name, SourcePath = s.SourcePath, Description = s.Description, Seed = s.Seed, SourceText = s.SourceText,
        OutputResolution_s = s.OutputResolution_s, Targets = s.Targets, SweepNode = s.SweepNode, FleetNode = s.FleetNode,
        Protocol = protocol ?? s.Protocol, Cells = cells ?? s.Cells,
    };

    private static Protocol MapSteps(Protocol p, Func<ProtocolStep, ProtocolStep> f) => p with { Nodes = Map(p.Nodes, f) };

    private static IReadOnlyList<ProtocolNode> Map(IReadOnlyList<ProtocolNode> nodes, Func<ProtocolStep, ProtocolStep> f) =>
        nodes.Select(n => n switch
        {
            ProtocolStep st => (ProtocolNode)f(st),
            ProtocolLoop l => l with { Body = Map(l.Body, f) },
            _ => n,
        }).ToList();
}
