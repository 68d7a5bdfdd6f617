using DapCu.Twin.Physics.Design;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Scenarios.Loading;
using DapCu.Twin.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios;

/// <summary>Reads a scenario file (docs/scenario-format.md). Every error names file, line, column and
/// what was expected; a design that cannot be built names its field.</summary>
public static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "seed", "output", "parameters", "cells", "cell", "protocol", "targets", "sweep", "fleet"];
    /// <summary>Cell keys: the numeric ones come from the registry sweeps and fleets use (<see cref="OverrideKeys"/>).</summary>
    private static readonly string[] CellKeys =
        ["label", "design", "parameters", .. OverrideKeys.All.Where(k => k.IsCellKey).Select(k => k.Name), "host_expansion", "bending", "protocol",
         "electrolyte", "temperature_K"];

    public static Scenario Load(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException(path, 0, 0, "an existing scenario file", "no such file");
        return Parse(InputLimits.ReadText(path), path);
    }

    public static Scenario Parse(string yaml, string file)
    {
        InputLimits.CheckYaml(yaml, file);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            var (line, column, message) = YamlSyntaxError.Locate(e, yaml);
            throw new ScenarioException(file, line, column, "well-formed YAML", message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioException(file, 1, 1, "a mapping with name, cells and protocol", "an empty or non-mapping document");

        var y = new YamlNodeReader(file) { Document = yaml };
        y.OnlyKeys(root, "a scenario", TopKeys);
        var name = ScenarioNames.Read(y, root, file);

        var shared = YamlNodeReader.FindIgnoringCase(root, "parameters") is { } p ? ReadParameters(y, p, ParameterSets.Chen2024) : ParameterSets.Chen2024;
        var cells = ReadCells(y, root, shared);
        var protocolNode = YamlNodeReader.FindIgnoringCase(root, "protocol");
        if (protocolNode is null && cells.Any(c => c.Protocol is null))
            throw new ScenarioException(file, 1, 1, "a 'protocol:' key (or one in every cell)", "none");
        var protocol = protocolNode is null ? cells[0].Protocol! : ReadProtocol(y, protocolNode);

        var output = YamlNodeReader.FindIgnoringCase(root, "output") is { } o ? y.Mapping(o, "output") : null;
        if (output is not null) y.OnlyKeys(output, "output", "resolution_s");
        var resolution = output is not null && YamlNodeReader.FindIgnoringCase(output, "resolution_s") is { } r ? y.Number(r, "output.resolution_s", 0) : 60.0;

        var targets = YamlNodeReader.FindIgnoringCase(root, "targets") is { } t ? TargetReader.Read(y, t, cells.Select(c => c.Label).ToHashSet()) : [];
        return new Scenario
        {
            Name = name,
            SourcePath = file,
            SourceText = yaml,
            IncludedFiles = y.IncludedFiles.Distinct().ToArray(),
            Description = YamlNodeReader.FindIgnoringCase(root, "description") is { } d ? y.Text(d, "description") : null,
            Seed = YamlNodeReader.FindIgnoringCase(root, "seed") is { } s ? y.Integer(s, "seed", 0, int.MaxValue) : 42,
            OutputResolution_s = resolution,
            Cells = cells,
            Protocol = protocol,
            Targets = targets,
            SweepNode = YamlNodeReader.FindIgnoringCase(root, "sweep") is { } sw ? y.Mapping(sw, "sweep") : null,
            FleetNode = YamlNodeReader.FindIgnoringCase(root, "fleet") is { } fl ? y.Mapping(fl, "fleet") : null,
        };
    }

    private static List<CellSpec> ReadCells(YamlNodeReader y, YamlMappingNode root, ParameterSet shared)
    {
        var list = new List<CellSpec>();
        if (YamlNodeReader.FindIgnoringCase(root, "cell") is { } single) list.Add(ReadCell(y, single, shared, "cell"));
        if (YamlNodeReader.FindIgnoringCase(root, "cells") is { } many)
            foreach (var c in y.Sequence(many, "cells")) list.Add(ReadCell(y, c, shared, "a cell"));
        if (list.Count == 0) throw new ScenarioException(y.SourcePath, 1, 1, "'cell:' or 'cells:' describing at least one cell", "none");
        var duplicate = list.GroupBy(c => c.Label, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ScenarioException(y.SourcePath, 1, 1, "unique cell labels", $"'{duplicate.Key}' twice");
        return list;
    }

    private static CellSpec ReadCell(YamlNodeReader y, YamlNode node, ParameterSet shared, string what)
    {
        var map = y.Mapping(node, what);
        y.OnlyKeys(map, what, CellKeys);
        var presetNode = YamlNodeReader.FindIgnoringCase(map, "design") ?? throw y.Error(map, $"'design:' naming a preset ({string.Join(", ", DesignPresets.All.Keys)})", "none");
        var preset = y.Text(presetNode, "design");
        if (!DesignPresets.TryGet(preset, out var design))
            throw y.Error(presetNode, $"a design preset: {string.Join(", ", DesignPresets.All.Keys)}");
        var label = YamlNodeReader.FindIgnoringCase(map, "label") is { } l ? y.Text(l, "label") : preset;
        if (YamlNodeReader.FindIgnoringCase(map, "electrolyte") is { } en)
        {
            // A named electrolyte set replaces the transport values; the cell's own parameter overrides still apply on top.
            var set = Electrolytes.ByName(y.Text(en, "electrolyte")) ?? throw y.Error(en, $"an electrolyte: {string.Join(", ", Electrolytes.Names)}");
            shared = shared with { Electrolyte = set with { Temperature_K = shared.Electrolyte.Temperature_K } };
        }
        var parameters = YamlNodeReader.FindIgnoringCase(map, "parameters") is { } p ? ReadParameters(y, p, shared) : shared;
        if (YamlNodeReader.FindIgnoringCase(map, "temperature_K") is { } tn)
            parameters = parameters.With("electrolyte.temperature_K", y.Number(tn, "temperature_K", 200, 400));

        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value!.ToLowerInvariant();
            if (OverrideKeys.Find(key) is { IsCellKey: true } named)
            {
                var set = named.Set(new CellSpec(preset, design, parameters), y.Number(v, named.Name, named.Min, minExclusive: named.MinExclusive));
                (design, parameters) = (set.Design, set.Parameters);
            }
            design = key switch
            {
                "host_expansion" => design with { HostExpansion = y.Bool(v, "host_expansion") },
                "bending" => design with { Bending = y.Enum(v, "bending", new Dictionary<string, BendingState> { ["flat"] = BendingState.Flat, ["bent"] = BendingState.Bent, ["folded"] = BendingState.Folded }) },
                _ => design,
            };
        }
        try { design.Validate(parameters); }
        catch (CellDesignException e) { throw y.Error(YamlNodeReader.FindIgnoringCase(map, e.Field) ?? map, e.Expected, $"an impossible design for cell '{label}'"); }
        var protocol = YamlNodeReader.FindIgnoringCase(map, "protocol") is { } pn ? ReadProtocol(y, pn) : null;
        return new CellSpec(label, design, parameters, protocol);
    }

    private static Protocol ReadProtocol(YamlNodeReader y, YamlNode node)
    {
        try { return y.Document is { } text ? ProtocolYaml.Parse(node, y.SourcePath, text) : ProtocolYaml.Parse(node, y.SourcePath); }
        catch (ProtocolSyntaxException e) { throw new ScenarioException(y.SourcePath, e.Line, e.Column, e.Expected, e.Found); }
    }

    /// <summary>Reads 'parameters: { path: value, ... }'. A 'file:' entry (a path relative to the scenario,
    /// e.g. the output of dapcu fit) applies that file's path: value mapping first; entries beside it win.</summary>
    private static ParameterSet ReadParameters(YamlNodeReader y, YamlNode node, ParameterSet start)
    {
        var map = y.Mapping(node, "parameters (path: value)");
        var set = YamlNodeReader.FindIgnoringCase(map, "file") is { } f ? ReadParameterFile(y, f, start) : start;
        foreach (var (k, v) in map)
        {
            var path = y.Text(k, "a parameter path");
            if (string.Equals(path, "file", StringComparison.OrdinalIgnoreCase)) continue;
            try { set = set.With(path, ParameterValue(y, v, path)); }
            catch (ArgumentException e) { throw y.Error(k, "a known parameter path", e.Message); }
        }
        return set;
    }

    private static ParameterSet ReadParameterFile(YamlNodeReader y, YamlNode fileNode, ParameterSet start)
    {
        var relative = y.Text(fileNode, "parameters.file");
        var path = InputLimits.ResolveInclude(y.SourcePath, relative)
                   ?? throw y.Error(fileNode, "a parameter file inside the scenario's folder (or a folder given with --allow-root)", $"'{relative}'");
        if (!File.Exists(path)) throw y.Error(fileNode, "an existing parameter file (path relative to the scenario)", $"'{relative}' ({path} does not exist)");
        y.IncludedFiles.Add(path);
        var text = InputLimits.ReadText(path);
        InputLimits.CheckYaml(text, path);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            var (line, column, message) = YamlSyntaxError.Locate(e, text);
            throw new ScenarioException(path, line, column, "well-formed YAML", message);
        }
        var inner = new YamlNodeReader(path);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioException(path, 1, 1, "a mapping of parameter path: value", "an empty or non-mapping document");
        // Errors here name the place, not the file's content: the file may not be a parameter file at all.
        var set = start;
        foreach (var (k, v) in root)
        {
            if (k is not YamlScalarNode { Value: { Length: > 0 } name }) throw inner.Error(k, "a parameter path (dapcu params lists them)", "something else");
            if (!(v is YamlScalarNode { Value: { } text2 } && double.TryParse(text2, System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)))
                throw inner.Error(v, "a number for the parameter on this line (its unit is in the path)", "something else");
            try { set = set.With(name, x); }
            catch (ArgumentException)
            {
                // A key shaped like a parameter path is named (a typo to fix); anything else may be a secret.
                var shaped = System.Text.RegularExpressions.Regex.IsMatch(name, @"^[a-z_]+(\.[a-z0-9_]+)+$");
                throw inner.Error(k, "a known parameter path (dapcu params lists them)", shaped ? $"'{name}'" : "an unknown one");
            }
        }
        return set;
    }

    /// <summary>A parameter's value: a plain number (its unit is in the path's name).</summary>
    private static double ParameterValue(YamlNodeReader r, YamlNode value, string path) =>
        value is YamlScalarNode { Value: { } text }
        && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
        && double.IsFinite(x)
            ? x
            : throw r.ErrorFound(value, $"a number for {path}");
}
