using DapCu.Twin.Grains.Execution;
using DapCu.Twin.Scenarios;
using DapCu.Twin.Scenarios.Execution;

namespace DapCu.Twin.Dashboard.Paper;

/// <summary>One variant's per-cycle curves, as the paper view plots them.</summary>
public sealed record PaperCurves(string Cell, int[] Cycle, double[] CoulombicEfficiency, double[] Discharge_mAh_cm2,
    double[] Discharge_mAh_g, double[] MeanOverpotential_mV, double[] MaxOverpotential_mV, string? EndReason);

/// <summary>One paper row next to the twin: its band (where it is a band on one cell) and the twin's value.</summary>
public sealed record PaperTarget(string Id, string Description, string Paper, string Band, string Metric, string? Cell,
    double? Min, double? Max, double? Value, bool Passed, string Detail);

public sealed record PaperRun(string Scenario, string? Description, IReadOnlyList<PaperCurves> Curves, IReadOnlyList<PaperTarget> Targets);

/// <summary>
/// The paper view: lists the shipped paper scenarios and runs one on the host's grains (one CellGrain per
/// variant, as <c>dapcu run</c> does), returning the twin's cycle curves and each target row with its band.
/// </summary>
public sealed class PaperRuns(IGrainFactory grains, DashboardOptions options)
{
    public string? Folder => options.ScenarioFolder is { } f ? Path.Combine(f, "paper") : null;

    public IReadOnlyList<object> List()
    {
        if (Folder is null || !Directory.Exists(Folder)) return [];
        return Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).Select(f =>
        {
            try
            {
                var s = ScenarioLoader.Load(f);
                return (object)new { name = s.Name, file = Path.GetFileName(f), description = s.Description, targets = s.Targets.Count };
            }
            catch (ScenarioException e) { return new { name = Path.GetFileNameWithoutExtension(f), file = Path.GetFileName(f), error = e.Message }; }
        }).ToArray();
    }

    /// <summary>Runs the named paper scenario (file name in scenarios/paper). Throws FileNotFoundException / ScenarioException.</summary>
    public async Task<PaperRun> RunAsync(string name, CancellationToken ct)
    {
        var file = Folder is null ? null : Directory.EnumerateFiles(Folder, "*.yaml")
            .FirstOrDefault(f => Path.GetFileName(f) == name || Path.GetFileNameWithoutExtension(f) == name);
        if (file is null) throw new FileNotFoundException($"no paper scenario '{name}' in {Folder ?? "(no scenarios folder)"}");
        var scenario = ScenarioLoader.Load(file);
        var executor = new GrainCellExecutor(grains);
        var variants = await Task.WhenAll(scenario.Cells.Select(async c =>
            new VariantResult(c, await executor.RunAsync(CellJob.Nominal(scenario, c.Label), ct))));
        var outcomes = ScenarioJob.EvaluateTargets(scenario, variants);
        var curves = variants.Select(v => new PaperCurves(v.Cell.Label,
            v.Result.Cycles.Select(c => c.Cycle).ToArray(),
            v.Result.Cycles.Select(c => c.CoulombicEfficiency).ToArray(),
            v.Result.Cycles.Select(c => c.Discharge_mAh_cm2).ToArray(),
            v.Result.Cycles.Select(c => c.Discharge_mAh_g).ToArray(),
            v.Result.Cycles.Select(c => c.MeanOverpotential_mV).ToArray(),
            v.Result.Cycles.Select(c => c.MaxOverpotential_mV).ToArray(),
            v.Result.EndReason)).ToArray();
        var targets = scenario.Targets.Zip(outcomes, (spec, o) =>
        {
            var band = spec.Check as BandCheck;
            double? value = o.Value is { } x && double.IsFinite(x) ? x : null;
            return new PaperTarget(spec.Id, spec.Description, spec.PaperFigure, spec.Band, spec.Check.Metric.Name, band?.Cell,
                band?.Min, band?.Max, value, o.Passed, o.Detail);
        }).ToArray();
        return new PaperRun(scenario.Name, scenario.Description, curves, targets);
    }
}
