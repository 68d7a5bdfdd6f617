using DapCu.Twin.Grains.Live;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Host;

/// <summary>POST /api/fleets: a scenario (a file on the server, or its text), which variant, how many cells, which clock.</summary>
public sealed record StartFleetRequest
{
    /// <summary>Path of a scenario file on the server.</summary>
    public string? ScenarioPath { get; init; }
    /// <summary>A scenario's YAML text (the CLI sends the file's text, so the server needs no shared disk).</summary>
    public string? ScenarioYaml { get; init; }
    /// <summary>Name the text is reported under in errors.</summary>
    public string? SourceName { get; init; }
    /// <summary>The variant (cells: label); may be left out when the scenario has one.</summary>
    public string? Variant { get; init; }
    /// <summary>Cells in the fleet; default: the scenario's fleet.cells.</summary>
    public int? Cells { get; init; }
    public int? CellsPerShard { get; init; }
    /// <summary>"accelerated" (as fast as possible, default) or "wall" (wall clock x Scale).</summary>
    public string? Clock { get; init; }
    /// <summary>Time scale under the wall clock: 1 to 100000.</summary>
    public double? Scale { get; init; }
    /// <summary>Start paused.</summary>
    public bool Paused { get; init; }
}

/// <summary>POST /api/fleets/{id}/scale.</summary>
public sealed record ScaleRequest(string? Clock, double? Scale);

/// <summary>A fleet with its aggregates (GET /api/fleets/{id}).</summary>
public sealed record FleetView(LiveFleetInfo Fleet, AggregatesView Aggregates);

/// <summary>p5 / p50 / p95 and mean of a histogram (NaN when empty).</summary>
public sealed record Quantiles(long Count, double P5, double P50, double P95, double Mean)
{
    public static Quantiles Of(FixedHistogram h) => new(h.Total, h.Quantile(0.05), h.Quantile(0.5), h.Quantile(0.95), h.Mean);
}

/// <summary>One histogram's bins for plotting: [0] below Min, [1..Bins] the bins, [Bins + 1] at or above Max.</summary>
public sealed record HistogramView(double Min, double Max, long[] Counts)
{
    public static HistogramView Of(FixedHistogram h) => new(h.Min, h.Max, h.Counts);
}

/// <summary>Completed cycles FirstCycle..LastCycle: delivered capacity (mAh/cm2), CE, mean overpotential (mV).</summary>
public sealed record CycleBucketView(int FirstCycle, int LastCycle, Quantiles Capacity_mAh_cm2, Quantiles Ce, Quantiles Overpotential_mV,
    HistogramView? CapacityHistogram, HistogramView? CeHistogram, HistogramView? OverpotentialHistogram);

/// <summary>A fleet's aggregates as the API shows them.</summary>
public sealed record AggregatesView(
    DateTimeOffset AsOf, long Cells, long Cycling, long Resting, long Finished, long Shorted, long LiExhausted, long EndedEarly, long Promoted,
    long CompletedCycles, double MinCellTime_h, double MaxCellTime_h, int CyclesPerBucket, CycleBucketView[] ByCycle,
    long Shorts, HistogramView ShortTime_h)
{
    public static AggregatesView Of(LiveAggregates a, bool histograms)
    {
        var w = a.Bins.CyclesPerBucket;
        var buckets = a.CapacityByCycle.Select((h, i) => new CycleBucketView(i * w + 1, (i + 1) * w,
            Quantiles.Of(h), Quantiles.Of(a.CeByCycle[i]), Quantiles.Of(a.OverpotentialByCycle[i]),
            histograms ? HistogramView.Of(h) : null, histograms ? HistogramView.Of(a.CeByCycle[i]) : null,
            histograms ? HistogramView.Of(a.OverpotentialByCycle[i]) : null)).ToArray();
        return new AggregatesView(a.AsOf, a.Cells, a.Cycling, a.Resting, a.Finished, a.Shorted, a.LiExhausted, a.EndedEarly, a.Promoted,
            a.CompletedCycles, double.IsFinite(a.MinCellTime_s) ? a.MinCellTime_s / 3600 : a.MaxCellTime_s / 3600, a.MaxCellTime_s / 3600,
            w, buckets, a.ShortTime_h.Total, HistogramView.Of(a.ShortTime_h));
    }
}

/// <summary>POST /api/fleets/{id}/cells/{index}/promote: the CellGrain the cell now lives in.</summary>
public sealed record PromoteReply(string Grain);
