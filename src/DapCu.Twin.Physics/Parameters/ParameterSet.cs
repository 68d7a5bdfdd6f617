using System.Globalization;
using System.Reflection;

namespace DapCu.Twin.Physics.Parameters;

/// <summary>Every number the physics uses, grouped by submodel. A scenario starts from
/// <see cref="ParameterSets.Chen2024"/> and may override single values by path
/// ("dap.interface_resistance_ohm_cm2", "electrolyte.conductivity_mS_cm").</summary>
public sealed record ParameterSet
{
    public string Name { get; init; } = "Chen2024";
    public ElectrolyteParameters Electrolyte { get; init; } = new();
    public LiElectrodeParameters PlanarCu { get; init; } = new();
    public LiElectrodeParameters Dap { get; init; } = new();
    public LiElectrodeParameters LiFoil { get; init; } = new();
    public HostParameters Host { get; init; } = new();
    public LfpParameters Lfp { get; init; } = new();
    public SulfurParameters Sulfur { get; init; } = new();
    public PouchParameters Pouch { get; init; } = new();

    private static readonly Dictionary<string, string> GroupAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pl"] = nameof(PlanarCu), ["planar_cu"] = nameof(PlanarCu), ["plcu"] = nameof(PlanarCu),
        ["dap"] = nameof(Dap), ["dap_cu"] = nameof(Dap), ["foil"] = nameof(LiFoil), ["li_foil"] = nameof(LiFoil),
        ["s"] = nameof(Sulfur), ["sulphur"] = nameof(Sulfur),
    };

    /// <summary>All parameter paths with their current value, unit and source.</summary>
    public IEnumerable<(string Path, double Value, ParamAttribute Meta)> Enumerate()
    {
        foreach (var group in GroupProperties())
        {
            var record = group.GetValue(this)!;
            foreach (var p in record.GetType().GetProperties())
            {
                var meta = p.GetCustomAttribute<ParamAttribute>();
                if (meta is not null && p.PropertyType == typeof(double))
                    yield return ($"{ToSnake(group.Name)}.{ToSnake(p.Name)}", (double)p.GetValue(record)!, meta);
            }
        }
    }

    /// <summary>A copy with one value replaced. Throws <see cref="ArgumentException"/> naming the
    /// path and the known paths when it does not exist.</summary>
    public ParameterSet With(string path, double value)
    {
        var (group, record, prop) = Resolve(path);
        if (!double.IsFinite(value)) throw new ArgumentException($"parameter '{path}' must be a finite number, got {value.ToString(CultureInfo.InvariantCulture)}");
        var clone = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        prop.SetValue(clone, value);
        var copy = this with { };
        group.SetValue(copy, clone);
        return copy;
    }

    /// <summary>The value at a path (same paths and aliases as <see cref="With"/>).</summary>
    public double Get(string path)
    {
        var (_, record, prop) = Resolve(path);
        return (double)prop.GetValue(record)!;
    }

    /// <summary>The group property, its record and the parameter property a path names.</summary>
    private (PropertyInfo Group, object Record, PropertyInfo Parameter) Resolve(string path)
    {
        var dot = path.IndexOf('.');
        if (dot <= 0) throw new ArgumentException($"parameter path '{path}' must be <group>.<name>, e.g. dap.interface_resistance_ohm_cm2");
        var groupKey = path[..dot];
        if (GroupAliases.TryGetValue(groupKey, out var alias)) groupKey = alias;
        var group = GroupProperties().FirstOrDefault(g => Normalise(g.Name) == Normalise(groupKey))
            ?? throw new ArgumentException($"unknown parameter group '{path[..dot]}' in '{path}'; expected one of: {string.Join(", ", GroupProperties().Select(g => ToSnake(g.Name)))}");
        var record = group.GetValue(this)!;
        var type = record.GetType();
        var prop = type.GetProperties().FirstOrDefault(p => p.PropertyType == typeof(double) && Normalise(p.Name) == Normalise(path[(dot + 1)..]))
            ?? throw new ArgumentException($"unknown parameter '{path}'; {ToSnake(group.Name)} has: {string.Join(", ", type.GetProperties().Where(p => p.PropertyType == typeof(double)).Select(p => ToSnake(p.Name)))}");
        return (group, record, prop);
    }

    private static IEnumerable<PropertyInfo> GroupProperties() =>
        typeof(ParameterSet).GetProperties().Where(p => p.PropertyType.GetProperties().Any(q => q.GetCustomAttribute<ParamAttribute>() is not null));

    private static string Normalise(string s) => s.Replace("_", "").ToLowerInvariant();

    /// <summary>PascalCase_unit -> snake_case_unit, keeping unit suffixes as written (ExchangeCurrentDensity_mA_cm2 -> exchange_current_density_mA_cm2).</summary>
    public static string ToSnake(string name)
    {
        var us = name.IndexOf('_');
        var head = us < 0 ? name : name[..us];
        var tail = us < 0 ? "" : name[us..];
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < head.Length; i++)
        {
            if (char.IsUpper(head[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(head[i]));
        }
        return sb + tail;
    }
}
