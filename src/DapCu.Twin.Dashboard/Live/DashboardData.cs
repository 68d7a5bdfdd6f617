using DapCu.Twin.Grains.Telemetry;

namespace DapCu.Twin.Dashboard.Live;

/// <summary>
/// Topics a page can watch and what one message of each holds: <c>fleets</c> (every fleet's census and clock),
/// <c>fleet/{id}</c> (a fleet's distributions), <c>cell/{fleet}/{index}</c>, <c>channels</c>.
/// </summary>
public sealed class DashboardData(ILiveTwin twin)
{
    private readonly HashSet<string> _reported = [];

    public async Task<object?> SnapshotAsync(string topic, CancellationToken ct)
    {
        var parts = topic.Split('/');
        return parts switch
        {
            ["fleets"] => new { fleets = await twin.FleetsAsync(ct) },
            ["fleet", var id] => await twin.FleetAsync(id, ct),
            ["cell", var fleet, var index] when long.TryParse(index, out var i) => await twin.CellAsync(fleet, i, ct),
            ["channels"] => await twin.ChannelsAsync(ct),
            _ => new { error = $"unknown topic '{topic}': expected fleets, fleet/<id>, cell/<fleet>/<index> or channels" },
        };
    }

    public static bool IsTopic(string topic) => topic.Split('/') switch
    {
        ["fleets"] or ["channels"] or ["fleet", _] => true,
        ["cell", _, var index] => long.TryParse(index, out _),
        _ => false,
    };

    /// <summary>Feeds <c>dapcu_fleet_cells{state}</c> with every live fleet's latest census, and returns it.</summary>
    public async Task<IReadOnlyList<FleetSummary>> RefreshCensusAsync(CancellationToken ct)
    {
        var fleets = await twin.FleetsAsync(ct);
        var live = new HashSet<string>();
        foreach (var f in fleets.Where(f => !f.Stopped))
        {
            TwinTelemetry.ReportFleet(f.Id, f.States);
            live.Add(f.Id);
        }
        foreach (var gone in _reported.Except(live)) TwinTelemetry.ForgetFleet(gone);
        _reported.Clear();
        _reported.UnionWith(live);
        return fleets;
    }
}
