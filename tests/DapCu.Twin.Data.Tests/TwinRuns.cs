using DapCu.Twin.Data.Export;
using DapCu.Twin.Data.Replay;
using DapCu.Twin.Physics.Parameters;
using DapCu.Twin.Physics.Results;
using DapCu.Twin.Protocols.Parsing;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Data.Tests;

/// <summary>Synthetic "measured" files made by running the twin itself (known parameters, optional noise).</summary>
internal static class TwinRuns
{
    /// <summary>Two current densities so that the interface (area-scaled, sub-linear in j) and contact (linear in j)
    /// resistances are separable.</summary>
    public const string TwoRateHalfCell = """
        Repeat 2 times:
          Plate at 0.5 mA/cm2 for 1 h
          Strip at 0.5 mA/cm2 until 0.5 V
          Plate at 2 mA/cm2 for 0.25 h
          Strip at 2 mA/cm2 until 0.5 V
        """;

    public static RunResult Run(string preset, ParameterSet parameters, string protocol, double resolution_s = 120, int seed = 42)
    {
        DesignPresets.TryGet(preset, out var design);
        var cell = new CellSpec(preset, design, parameters);
        return ScenarioRunner.RunCell(cell, ProtocolText.Parse(protocol), seed, resolution_s);
    }

    /// <summary>Exports a run as BDF and reads it back, adding seeded Gaussian noise to the voltage.</summary>
    public static CyclerTable AsMeasured(RunResult run, string path, double noise_V = 0, int noiseSeed = 7)
    {
        RunExport.ToBdf(run, path);
        var table = CyclerTable.Load(path);
        if (noise_V == 0) return table;
        var normal = new MathNet.Numerics.Distributions.Normal(0, noise_V, new Random(noiseSeed));
        var noisy = table.Rows().Select(r => r with { Voltage_V = r.Voltage_V + normal.Sample() }).ToList();
        return CyclerTable.FromRows(noisy, table.Columns, table.SourceFormat, path);
    }

    public static TwinCell Cell(string preset, ParameterSet parameters, int seed = 42)
    {
        var cell = TwinCell.Resolve(preset, seed);
        return cell.With(parameters);
    }
}
