using DapCu.Twin.Physics.Design;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Scenarios;

/// <summary>Where an override key acts: the cell's design, its parameter set, or its protocol.</summary>
public enum OverrideTarget { Design, Parameter, Protocol }

/// <summary>One value a scenario file (cell key), a sweep or a fleet can set on a cell: how to read it and how
/// to set it. <see cref="Min"/> is the smallest value the key takes (exclusive when <see cref="MinExclusive"/>).</summary>
public sealed record OverrideKey(string Name, string Unit, string Meaning, OverrideTarget Target, double Min, bool MinExclusive,
    Func<CellSpec, Protocol, double> Get, Func<CellSpec, double, CellSpec> Set)
{
    /// <summary>Keys a cell in a scenario file may carry directly (protocol keys belong in the protocol).</summary>
    public bool IsCellKey => Target != OverrideTarget.Protocol;
}

/// <summary>The one registry of named override keys, used by the scenario loader (cell keys), sweeps, fleets
/// and <c>dapcu params</c>. Any other key is a parameter path (<c>group.name</c>, see ParameterSet).
/// Protocol keys reach every cell: the ones that carry their own protocol and the scenario's.</summary>
public static class OverrideKeys
{
    public static IReadOnlyList<OverrideKey> All { get; } =
    [
        Design("np_ratio", "1", "anode Li over cathode rated capacity (full cells)", 0, true, d => d.NpRatio, (d, v) => d with { NpRatio = v }),
        Design("area_cm2", "cm2", "electrode area (for mA and A currents)", 0, true, d => d.Area_cm2, (d, v) => d with { Area_cm2 = v }),
        Design("separator_thickness_um", "um", "separator thickness (a dendrite crossing it shorts the cell)", 0, true, d => d.SeparatorThickness_um, (d, v) => d with { SeparatorThickness_um = v }),
        Design("preplated_mAh_cm2", "mAh/cm2", "Li pre-plated on each composite electrode (symmetric cells)", 0, false, d => d.PreplatedLi_mAh_cm2, (d, v) => d with { PreplatedLi_mAh_cm2 = v }),
        Design("preplating_current_mA_cm2", "mA/cm2", "current of that pre-plating", 0, true, d => d.PreplatingCurrent_mA_cm2, (d, v) => d with { PreplatingCurrent_mA_cm2 = v }),
        Design("cathode_loading_mg_cm2", "mg/cm2", "cathode active mass", 0, true, d => d.CathodeLoading_mg_cm2, (d, v) => d with { CathodeLoading_mg_cm2 = v }),
        Design("li_foil_capacity_mAh_cm2", "mAh/cm2", "Li in a foil counter electrode or control anode", 0, true, d => d.LiFoilCapacity_mAh_cm2, (d, v) => d with { LiFoilCapacity_mAh_cm2 = v }),
        Parameter("host_thickness_um", "host.thickness_um", "um", "DAP-Cu host thickness"),
        Parameter("host_pore_volume_cm3_g", "host.pore_volume_cm3_g", "cm3/g", "DAP-Cu host pore volume"),
        new("current_density_mA_cm2", "mA/cm2", "every protocol step given in mA/cm2", OverrideTarget.Protocol, 0, true,
            (_, p) => FirstArealStep(p)?.Current!.Value.Value
                      ?? throw new ArgumentException("current_density_mA_cm2: the protocol has no step with a current in mA/cm2"),
            (c, v) => c with { Protocol = c.Protocol is { } p ? SetCurrentDensity(p, v) : null }),
        new("areal_capacity_mAh_cm2", "mAh/cm2", "duration of every timed charge/discharge step in mA/cm2", OverrideTarget.Protocol, 0, true,
            (_, p) => FirstArealStep(p, timed: true) is { } s ? s.Current!.Value.Value * s.Duration_s!.Value / 3600.0
                      : throw new ArgumentException("areal_capacity_mAh_cm2: the protocol has no timed step with a current in mA/cm2"),
            (c, v) => c with { Protocol = c.Protocol is { } p ? SetArealCapacity(p, v) : null }),
    ];

    private static readonly Dictionary<string, OverrideKey> ByName = All.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>A named key; null for anything else (a parameter path).</summary>
    public static OverrideKey? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Sets a key (or a parameter path) on every cell of the scenario, and a protocol key on the
    /// scenario's protocol too. Throws ArgumentException for an unknown path, CellDesignException for a value
    /// the design cannot take.</summary>
    public static Scenario Apply(Scenario s, string key, double value)
    {
        var named = Find(key);
        if (named is { Target: OverrideTarget.Protocol })
            foreach (var c in s.Cells)
            {
                // A protocol key that fits no step of a cell's protocol would change nothing: say so.
                try { named.Get(c, c.Protocol ?? s.Protocol); }
                catch (ArgumentException e) { throw new ArgumentException($"{e.Message} (cell '{c.Label}')", e); }
            }
        var cells = s.Cells.Select(c => named is null ? c with { Parameters = c.Parameters.With(key, value) } : named.Set(c, value)).ToList();
        foreach (var c in cells) c.Design.Validate(c.Parameters);
        var protocol = named is { Target: OverrideTarget.Protocol } ? named.Set(new CellSpec("", new CellDesign(), s.Cells[0].Parameters, s.Protocol), value).Protocol! : s.Protocol;
        return new Scenario
        {
            Name = s.Name, SourcePath = s.SourcePath, Description = s.Description, Seed = s.Seed, SourceText = s.SourceText,
            OutputResolution_s = s.OutputResolution_s, Targets = s.Targets, SweepNode = s.SweepNode, FleetNode = s.FleetNode,
            Protocol = protocol, Cells = cells,
        };
    }

    /// <summary>The nominal value of a key (or parameter path) for one variant: the centre of a fleet's spread.</summary>
    public static double Get(Scenario scenario, string variant, string key)
    {
        var cell = scenario.Cells.FirstOrDefault(c => c.Label == variant) ?? scenario.Cells[0];
        return Find(key) is { } named ? named.Get(cell, cell.Protocol ?? scenario.Protocol) : cell.Parameters.Get(key);
    }

    private static OverrideKey Design(string name, string unit, string meaning, double min, bool minExclusive,
        Func<CellDesign, double> get, Func<CellDesign, double, CellDesign> set) =>
        new(name, unit, meaning, OverrideTarget.Design, min, minExclusive, (c, _) => get(c.Design), (c, v) => c with { Design = set(c.Design, v) });

    private static OverrideKey Parameter(string name, string path, string unit, string meaning) =>
        new(name, unit, $"{meaning} (parameter {path})", OverrideTarget.Parameter, 0, true,
            (c, _) => c.Parameters.Get(path), (c, v) => c with { Parameters = c.Parameters.With(path, v) });

    private static Protocol SetCurrentDensity(Protocol p, double value) =>
        MapSteps(p, st => st.Current is { Unit: CurrentUnit.MilliAmpPerCm2 } ? st with { Current = new CurrentSpec(value, CurrentUnit.MilliAmpPerCm2) } : st);

    private static Protocol SetArealCapacity(Protocol p, double value) =>
        MapSteps(p, st => st.Kind is StepKind.Charge or StepKind.Discharge && st.Duration_s is not null && st.Current is { Unit: CurrentUnit.MilliAmpPerCm2 } c
            ? st with { Duration_s = value / c.Value * 3600.0 } : st);

    private static Protocol MapSteps(Protocol p, Func<ProtocolStep, ProtocolStep> f) => p with { Nodes = Map(p.Nodes, f) };

    private static List<ProtocolNode> Map(IReadOnlyList<ProtocolNode> nodes, Func<ProtocolStep, ProtocolStep> f) =>
        nodes.Select(n => n switch
        {
            ProtocolStep st => f(st),
            ProtocolLoop l => l with { Body = Map(l.Body, f) },
            _ => n,
        }).ToList();

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
