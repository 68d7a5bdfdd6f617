namespace DapCu.Twin.Dashboard.Live;

// What the dashboard shows of live fleets and channels: small, already aggregated records (a 1,000,000-cell
// fleet is a few histograms here, never a per-cell list).

/// <summary>A fleet's clock and census. <c>States</c> partition the cells (cycling, resting, finished);
/// <c>Flags</c> count conditions over them (shorted, li_exhausted, promoted). Scale 0 = accelerated.</summary>
public sealed record FleetSummary(string Id, string Name, long Cells, IReadOnlyDictionary<string, long> States,
    IReadOnlyDictionary<string, long> Flags, double SimulatedTime_s, double Scale, bool Paused, bool Stopped, long CompletedCycles);

/// <summary>Percentile bands of one quantity over cycle number (p10/p50/p90, from the fleet's histograms).</summary>
public sealed record CycleBands(int[] Cycle, double[] P10, double[] P50, double[] P90);

/// <summary>Shorts so far against simulated time.</summary>
public sealed record ShortSeries(double[] Time_s, long[] Shorts);

/// <summary>The fleet overview: census, clock, distributions over cycles, shorts, outlier cells to open.</summary>
public sealed record FleetView(FleetSummary Fleet, CycleBands Capacity_mAh_cm2, CycleBands CoulombicEfficiency,
    CycleBands Overpotential_mV, ShortSeries Shorts, IReadOnlyList<long> Outliers);

public sealed record CellCycle(int Cycle, double Charge_mAh_cm2, double Discharge_mAh_cm2, double CoulombicEfficiency,
    double MeanOverpotential_mV, double ActiveLi_mAh_cm2, double DeadLi_mAh_cm2, double Sei_mAh_cm2, double Cathode_mAh_cm2);

public sealed record CellEventView(double Time_s, int Cycle, string Kind, string Detail);

/// <summary>One cell of a live fleet: where it is now, its recent curve, its cycle table and events.</summary>
public sealed record CellView(string Fleet, long Index, string State, double Time_s, double Voltage_V, double Current_mA_cm2,
    double[] RecentTime_s, double[] RecentVoltage_V, double[] RecentCurrent_mA_cm2,
    IReadOnlyList<CellCycle> Cycles, IReadOnlyList<CellEventView> Events);

/// <summary>One emulated instrument channel: its present reading, its client's last commands, its faults.</summary>
public sealed record ChannelView(string Name, int Port, string Dialect, double? Voltage_V, double? Current_mA, string Fault,
    IReadOnlyList<string> LastCommands);

public sealed record ChannelsView(bool EmulatorRunning, IReadOnlyList<ChannelView> Channels);
