namespace DapCu.Twin.Dashboard.Live;

/// <summary>
/// What the dashboard reads of live fleets and emulated channels, through their grains (<see cref="GrainLiveTwin"/>
/// maps the live grains' records to the dashboard's). Starting and steering fleets goes through the server's
/// HTTP API (/api/fleets), which the page calls itself. Errors a user can fix are <see cref="DashboardInputException"/>s.
/// </summary>
public interface ILiveTwin
{
    Task<IReadOnlyList<FleetSummary>> FleetsAsync(CancellationToken ct);
    Task<FleetView?> FleetAsync(string id, CancellationToken ct);
    Task<CellView?> CellAsync(string fleet, long index, CancellationToken ct);
    Task<ChannelsView> ChannelsAsync(CancellationToken ct);
    /// <summary>Injects a fault into a channel (null or "clear" clears it); returns the channel's answer.</summary>
    Task<string> ChannelFaultAsync(string channel, string? fault, CancellationToken ct);
}

/// <summary>A request the user can correct: the message says which field and what was expected.</summary>
public sealed class DashboardInputException(string message) : Exception(message);
