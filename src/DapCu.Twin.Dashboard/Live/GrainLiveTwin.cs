using DapCu.Twin.Grains.Live;
using DapCu.Twin.Scenarios.Fleets;

namespace DapCu.Twin.Dashboard.Live;

/// <summary>
/// The dashboard's view of the live grains: the fleet registry, each <see cref="ILiveFleetGrain"/>'s info and
/// aggregates (already summed over shards; percentiles come from their histograms), one cell through its
/// fleet. A million-cell fleet costs the page a few histograms per interval, never a per-cell list.
/// </summary>
public sealed class GrainLiveTwin(IGrainFactory grains, Cycler.Hosting.EmulatorHostedService? emulator = null) : ILiveTwin
{
    private static readonly double[] Percentiles = [0.1, 0.5, 0.9];

    public async Task<IReadOnlyList<FleetSummary>> FleetsAsync(CancellationToken ct)
    {
        var ids = await grains.GetGrain<ILiveFleetRegistryGrain>(LiveFleetRegistryGrain.Key).List();
        var fleets = await Task.WhenAll(ids.Select(async id =>
        {
            try { return await SummaryAsync(grains.GetGrain<ILiveFleetGrain>(id)); }
            catch (KeyNotFoundException) { return null; } // stopped between the listing and the read
        }));
        return fleets.OfType<FleetSummary>().OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
    }

    public async Task<FleetView?> FleetAsync(string id, CancellationToken ct)
    {
        var fleet = grains.GetGrain<ILiveFleetGrain>(id);
        try
        {
            var info = await fleet.Info();
            var a = await fleet.Aggregates();
            var perBucket = a.Bins.CyclesPerBucket;
            var n = a.Cells;
            return new FleetView(Summary(info, a),
                Bands(a.CapacityByCycle, perBucket), Bands(a.CeByCycle, perBucket), Bands(a.OverpotentialByCycle, perBucket),
                Shorts(a.ShortTime_h, info.CellTime_s),
                n <= 1 ? [0] : new long[] { 0, n / 4, n / 2, 3 * n / 4, n - 1 }.Distinct().ToArray());
        }
        catch (KeyNotFoundException) { return null; }
    }

    public async Task<CellView?> CellAsync(string fleet, long index, CancellationToken ct)
    {
        if (index is < 0 or > int.MaxValue) return null;
        LiveCellView c;
        try { c = await grains.GetGrain<ILiveFleetGrain>(fleet).Cell((int)index); }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentOutOfRangeException) { return null; }
        var cycles = c.Cycles.Select(r => new CellCycle(r.Cycle, r.Charge_mAh_cm2, r.Discharge_mAh_cm2, r.CoulombicEfficiency,
            r.MeanOverpotential_mV, r.Inventory.ActiveNegative_mAh_cm2 + r.Inventory.ActivePositive_mAh_cm2,
            r.Inventory.Dead_mAh_cm2, r.Inventory.Sei_mAh_cm2, r.Inventory.Cathode_mAh_cm2)).ToArray();
        var state = c.Shorted ? "shorted" : c.LiExhausted ? "li_exhausted" : c.Promoted ? "promoted" : c.Status;
        return new CellView(fleet, index, state, c.Time_s, c.Voltage_V, c.Current_mA_cm2,
            c.Curve.Select(p => p.Time_s).ToArray(), c.Curve.Select(p => p.Voltage_V).ToArray(), c.Curve.Select(p => p.Current_mA_cm2).ToArray(),
            cycles, c.Events.Select(e => new CellEventView(e.Time_s, e.Cycle, e.Kind.ToString(), e.Detail)).ToArray());
    }

    /// <summary>The emulator running in this host (<c>Emulator:Channels</c>): each channel's latest reading, its
    /// client's last messages and the faults in force. Reads only thread-safe snapshots of the devices.</summary>
    public Task<ChannelsView> ChannelsAsync(CancellationToken ct)
    {
        if (emulator?.Emulator is not { } e) return Task.FromResult(new ChannelsView(false, []));
        var ports = e.Ports;
        var channels = Enumerable.Range(0, e.Channels.Count).Select(i =>
        {
            var device = e.Registry.Get(i);
            var reading = device.Channel.LastReading;
            return new ChannelView(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i < ports.Count ? ports[i] : 0,
                emulator.Options.Dialect.ToString().ToLowerInvariant(), reading?.Voltage_V, reading?.Current_A * 1000,
                device.Channel.FaultSummary, device.LastCommands);
        }).ToArray();
        return Task.FromResult(new ChannelsView(true, channels));
    }

    /// <summary>Injects a fault through the channel's endpoint (its grain: serialised with the client's commands).</summary>
    public async Task<string> ChannelFaultAsync(string channel, string? fault, CancellationToken ct)
    {
        if (emulator?.Emulator is not { } e) throw new DashboardInputException("channel: no emulator runs in this server (start it with --set Emulator:Channels=N)");
        if (!int.TryParse(channel, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) || i >= e.Channels.Count)
            throw new DashboardInputException($"channel: expected 0 to {e.Channels.Count - 1}, got '{channel}'");
        try { return await e.Channels[i].InjectFaultAsync(string.IsNullOrWhiteSpace(fault) ? "clear" : fault); }
        catch (Exception ex) when (ex is ArgumentException or FormatException) { throw new DashboardInputException($"fault: {ex.Message}"); }
    }

    private static async Task<FleetSummary> SummaryAsync(ILiveFleetGrain fleet) => Summary(await fleet.Info(), await fleet.Aggregates());

    private static FleetSummary Summary(LiveFleetInfo info, LiveAggregates a) => new(
        info.Id, $"{info.Scenario} ({info.Variant})", info.Cells,
        new Dictionary<string, long> { ["cycling"] = a.Cycling, ["resting"] = a.Resting, ["finished"] = a.Finished },
        new Dictionary<string, long> { ["shorted"] = a.Shorted, ["li_exhausted"] = a.LiExhausted, ["promoted"] = a.Promoted },
        info.CellTime_s, info.Clock.Mode == ClockMode.WallClock ? info.Clock.Scale : 0,
        info.Status == LiveFleetStatus.Paused, info.Status == LiveFleetStatus.Stopped, a.CompletedCycles);

    private static CycleBands Bands(List<FixedHistogram> byCycle, int cyclesPerBucket)
    {
        var used = byCycle.Select((h, i) => (h, i)).Where(x => x.h.Total > 0).ToArray();
        double[] Q(double p) => used.Select(x => Round(x.h.Quantile(p))).ToArray();
        return new CycleBands(used.Select(x => x.i * cyclesPerBucket + 1).ToArray(), Q(Percentiles[0]), Q(Percentiles[1]), Q(Percentiles[2]));
    }

    /// <summary>Four significant digits: a histogram quantile is good to one bin (1/40 of its range) anyway, and
    /// short numbers keep a message of 200 cycle buckets x 3 quantities small.</summary>
    private static double Round(double v) =>
        !double.IsFinite(v) || v == 0 ? v : Math.Round(v, Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15));

    /// <summary>Cumulative shorts at each bin's upper edge, up to the fleet's present.</summary>
    private static ShortSeries Shorts(FixedHistogram h, double now_s)
    {
        var times = new List<double> { 0 };
        var counts = new List<long> { h.Counts[0] };
        long sum = h.Counts[0];
        for (var i = 1; i <= h.Bins; i++)
        {
            var edge_s = (h.Min + i * h.BinWidth) * 3600;
            if (double.IsFinite(now_s) && edge_s > now_s + h.BinWidth * 3600) break;
            sum += h.Counts[i];
            times.Add(edge_s);
            counts.Add(sum);
        }
        return new ShortSeries(times.ToArray(), counts.ToArray());
    }
}
