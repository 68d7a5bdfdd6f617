using System.Globalization;
using DapCu.Twin.Protocols.Model;
using DapCu.Twin.Scenarios.Fleets;
using DapCu.Twin.Scenarios.Sweeps;

namespace DapCu.Twin.Scenarios.Execution;

/// <summary>How much a run may take; the defaults fit a laptop. dapcu run/validate --max-memory-gb, --max-output-gb, --max-hours.</summary>
public sealed record ResourceBudget(double Memory_GB = 8, double Output_GB = 10, double Hours = 24)
{
    /// <summary>Outputs from this size on get a warning with the resolution that would make them smaller.</summary>
    public const double WarnOutput_GB = 0.5;
}

/// <summary>One resource's estimate, the scenario key that drives it, and how to change that key to lower it.</summary>
public sealed record ResourceFigure(double Amount, string Driver, string Key)
{
    public string Advice => Key switch
    {
        "output.resolution_s" => "raise output.resolution_s (fewer time-series rows) or shorten the protocol",
        "fleet.cells" => "lower fleet.cells or the protocol's Repeat counts",
        "sweep values" => "sweep fewer values",
        _ => "lower the protocol's Repeat counts or step durations",
    };
}

/// <summary>
/// Memory, output size and time of a scenario, estimated from its protocol before anything runs, so a
/// small file that would exhaust the machine (a billion repeats, a microsecond resolution, ten million
/// cells) is refused with the key that drives it. Upper-bound arithmetic on the protocol: a step without a
/// duration lasts until its capacity (the cell's rated one) is passed at its current.
/// </summary>
public sealed record ResourceEstimate(ResourceFigure Memory_B, ResourceFigure Output_B, ResourceFigure Cpu_s)
{
    // Measured on this twin (10,000 half-cell cycles at 60 s: 805k rows, 57 MB timeseries.csv, 1.4 MB cycles.csv,
    // 267 MB peak without grains, ~8 s for ~1.5M engine steps); memory per row doubled for the copy a grain
    // returns and the plots. A 100,000-cycle run is then ~5 GB (issue 9 saw a 4.2 GB peak). Each protocol step
    // also costs ~30 engine steps' time (cutoff search, records): 200 LFP cells x 300 cycles took ~8 s on 2 cores.
    public const double CsvBytesPerRow = 75, MemoryBytesPerRow = 400, CsvBytesPerCycle = 150, MemoryBytesPerCycle = 600;
    public const double SecondsPerStep = 5e-6;
    private const double BaseMemory_B = 150e6;
    private const int SamplesPerStep = 4;
    private const double StepOverhead = 30;
    private const double MaxStepDuration_s = 1000.0 * 3600.0;

    /// <summary>What one cell's protocol amounts to: simulated time, engine steps, time-series rows, cycles.</summary>
    private readonly record struct CellLoad(double Simulated_s, double Steps, double Rows, double Cycles);

    public static ResourceEstimate Of(Scenario scenario, SweepSpec? sweep, FleetSpec? fleet, int cores)
    {
        var resolution = scenario.OutputResolution_s;
        var nominal = scenario.Cells.Select(c => Load(c, CellJob.ProtocolOf(scenario, c), resolution)).ToArray();
        double rows = nominal.Sum(l => l.Rows), cycles = nominal.Sum(l => l.Cycles), steps = nominal.Sum(l => l.Steps);
        double simulated_h = nominal.Max(l => l.Simulated_s) / 3600;
        var resolutionText = $"output.resolution_s: {resolution.ToString("G", CultureInfo.InvariantCulture)}";

        var memory = new List<ResourceFigure>
        {
            new(rows * MemoryBytesPerRow, $"the time series: {Count(rows)} rows ({Count(simulated_h)} h simulated at {resolutionText})", "output.resolution_s"),
            new(cycles * MemoryBytesPerCycle, $"the cycle table: {Count(cycles)} cycles", "protocol (Repeat counts)"),
        };
        var output = new List<ResourceFigure>
        {
            new(rows * CsvBytesPerRow, $"timeseries.csv: {Count(rows)} rows at {resolutionText}", "output.resolution_s"),
            new(cycles * CsvBytesPerCycle, $"cycles.csv: {Count(cycles)} cycles", "protocol (Repeat counts)"),
        };
        var time = new List<ResourceFigure> { new(steps * SecondsPerStep, $"{Count(steps)} engine steps for the variants", "protocol") };

        if (sweep is not null)
        {
            double points = sweep.Axes.Aggregate(1.0, (n, a) => n * a.Values.Count);
            var perCell = nominal.Max(l => l.Rows * MemoryBytesPerRow + l.Cycles * MemoryBytesPerCycle);
            memory.Add(new(Math.Min(cores, points) * perCell, $"{Math.Min(cores, points)} sweep cells at once", "output.resolution_s"));
            time.Add(new(points * steps * SecondsPerStep / cores, $"{Count(points)} sweep points x {Count(steps)} engine steps", "sweep values"));
        }
        if (fleet is not null)
        {
            // Fleet cells keep no time series; each grain shard keeps fixed-bin histograms per cycle (capacity and CE),
            // and one checkpointed shard of the fleet runs at a time (plus the running total and the finished part).
            var fleetCycles = scenario.Cells.Max(c => Math.Max(1, ProtocolCycles.Count(CellJob.ProtocolOf(scenario, c))));
            int chunk = Math.Min(fleet.Cells, ScenarioJob.FleetShardCells(fleet.Cells));
            double shards = Math.Max(Math.Ceiling(chunk / 10_000.0), Math.Min(chunk, cores)) + 2;
            double statistics = Math.Min(fleetCycles, FleetBins.MaxTrackedCycles) * (1502 + 2402) * 8.0 + fleetCycles * 8.0 + 2 * 1_000;
            double fleetSteps = scenario.Cells.Sum(c => Load(c, CellJob.ProtocolOf(scenario, c), 0).Steps);
            memory.Add(new(shards * statistics, $"{Count(shards)} fleet shards x {Count(fleetCycles)} cycles of histograms", "fleet.cells"));
            time.Add(new(fleet.Cells * fleetSteps * SecondsPerStep / cores, $"{Count(fleet.Cells)} cells x {Count(fleetSteps)} engine steps", "fleet.cells"));
        }
        return new ResourceEstimate(Sum(memory, BaseMemory_B), Sum(output, 0), Sum(time, 0));
    }

    /// <summary>The refusal for the first resource over budget (null when within it), naming the key and the override.</summary>
    public string? Refusal(ResourceBudget budget)
    {
        if (Memory_B.Amount > budget.Memory_GB * 1e9)
            return Refuse("memory", Gb(Memory_B.Amount), Gb(budget.Memory_GB * 1e9), Memory_B, $"--max-memory-gb {Math.Ceiling(Memory_B.Amount / 1e9)}");
        if (Output_B.Amount > budget.Output_GB * 1e9)
            return Refuse("output", Gb(Output_B.Amount), Gb(budget.Output_GB * 1e9), Output_B, $"--max-output-gb {Math.Ceiling(Output_B.Amount / 1e9)}");
        if (Cpu_s.Amount > budget.Hours * 3600)
            return Refuse("run time", Hours(Cpu_s.Amount), Hours(budget.Hours * 3600), Cpu_s, $"--max-hours {Math.Ceiling(Cpu_s.Amount / 3600)}");
        return null;
    }

    /// <summary>The key driving the first resource over budget.</summary>
    public string Refused(ResourceBudget budget) =>
        Memory_B.Amount > budget.Memory_GB * 1e9 ? Memory_B.Key : Output_B.Amount > budget.Output_GB * 1e9 ? Output_B.Key : Cpu_s.Key;

    /// <summary>A GB-scale output: how big, and the resolution that brings it under the warning size.</summary>
    public string? OutputWarning(Scenario scenario)
    {
        if (Output_B.Amount < ResourceBudget.WarnOutput_GB * 1e9) return null;
        var lower = scenario.OutputResolution_s * Math.Ceiling(Output_B.Amount / (ResourceBudget.WarnOutput_GB * 1e9) * 2);
        return $"{scenario.SourcePath}: this run will write about {Gb(Output_B.Amount)} ({Output_B.Driver}); " +
               $"set output: {{ resolution_s: {lower.ToString("G4", CultureInfo.InvariantCulture)} }} to write about " +
               $"{Gb(Output_B.Amount * scenario.OutputResolution_s / lower)} of time series";
    }

    private static string Refuse(string what, string estimate, string limit, ResourceFigure f, string flag) =>
        $"a run within the {what} budget ({limit}), found an estimated {estimate}, mostly {f.Driver}; " +
        $"{f.Advice}, or allow it with {flag}";

    private static ResourceFigure Sum(List<ResourceFigure> parts, double @base)
    {
        var top = parts.MaxBy(p => p.Amount)!;
        return top with { Amount = @base + parts.Sum(p => p.Amount) };
    }

    private static CellLoad Load(CellSpec cell, Protocol protocol, double resolution_s)
    {
        double rated = cell.Design.RatedCapacity_mAh_cm2(cell.Parameters);
        if (!(rated > 0)) rated = Math.Max(cell.Design.PreplatedLi_mAh_cm2, 1.0);
        CellLoad Walk(IReadOnlyList<ProtocolNode> nodes) => nodes.Aggregate(new CellLoad(), (sum, node) => Add(sum, node switch
        {
            ProtocolLoop loop => Times(Walk(loop.Body), loop.Count, loop.Body.OfType<ProtocolLoop>().Any()),
            ProtocolStep step => Step(step, cell, rated, resolution_s),
            _ => new CellLoad(),
        }));
        var load = Walk(protocol.Nodes);
        return load with { Cycles = Math.Max(load.Cycles, ProtocolCycles.Count(protocol)) };
    }

    private static CellLoad Step(ProtocolStep step, CellSpec cell, double rated_mAh_cm2, double resolution_s)
    {
        double density = step.Current switch
        {
            { Unit: CurrentUnit.MilliAmpPerCm2 } c => c.Value,
            { Unit: CurrentUnit.MilliAmp } c => c.Value / cell.Design.Area_cm2,
            { Unit: CurrentUnit.Amp } c => 1000 * c.Value / cell.Design.Area_cm2,
            { Unit: CurrentUnit.CRate } c => c.Value * rated_mAh_cm2,
            _ => 0,
        };
        double capacity = step.Cutoffs.OfType<CapacityCutoff>().Select(c => c.Capacity_mAh_cm2).DefaultIfEmpty(rated_mAh_cm2).Min();
        double bound = step.Kind == StepKind.Hold ? 3600 : density > 0 ? capacity / density * 3600 : MaxStepDuration_s;
        double duration = Math.Min(step.Duration_s ?? MaxStepDuration_s, Math.Min(bound, MaxStepDuration_s));
        double chunk = Math.Max(duration / SamplesPerStep, 1.0);
        if (resolution_s > 0) chunk = Math.Min(chunk, resolution_s);
        return new CellLoad(duration, Math.Max(1, duration / chunk) + StepOverhead, resolution_s > 0 ? duration / resolution_s : 0, 0);
    }

    private static CellLoad Add(CellLoad a, CellLoad b) => new(a.Simulated_s + b.Simulated_s, a.Steps + b.Steps, a.Rows + b.Rows, a.Cycles + b.Cycles);

    private static CellLoad Times(CellLoad body, int count, bool hasInnerLoops) =>
        new(body.Simulated_s * count, body.Steps * count, body.Rows * count, hasInnerLoops ? body.Cycles * count : count);

    private static string Count(double x) => x < 1e6 ? x.ToString("N0", CultureInfo.InvariantCulture) : x.ToString("0.##e0", CultureInfo.InvariantCulture);
    private static string Gb(double bytes) => bytes >= 1e9 ? $"{(bytes / 1e9).ToString("0.#", CultureInfo.InvariantCulture)} GB" : $"{(bytes / 1e6).ToString("0", CultureInfo.InvariantCulture)} MB";
    private static string Hours(double s) => s >= 3600 ? $"{(s / 3600).ToString("0.#", CultureInfo.InvariantCulture)} h" : $"{(s / 60).ToString("0", CultureInfo.InvariantCulture)} min";
}
