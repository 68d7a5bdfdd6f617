namespace DapCu.Twin.Dashboard.Live;

public enum FleetControl { Pause, Resume, Scale, Stop }

/// <summary>
/// What the dashboard reads and drives: live fleets and emulated channels, through their grains. The host's
/// implementation (<see cref="GrainLiveTwin"/>) maps the live grains' records to the dashboard's.
/// Errors a user can fix (bad scenario, unknown fleet) are <see cref="DashboardInputException"/>s.
/// </summary>
public interface ILiveTwin
{
    Task<IReadOnlyList<FleetSummary>> FleetsAsync(CancellationToken ct);
    Task<FleetView?> FleetAsync(string id, CancellationToken ct);
    Task<CellView?> CellAsync(string fleet, long index, CancellationToken ct);
    /// <summary>Starts a live fleet from a scenario file's text; returns its id.</summary>
    Task<string> StartFleetAsync(string yaml, string sourceName, double? scale, CancellationToken ct);
    Task ControlAsync(string id, FleetControl action, double? scale, CancellationToken ct);
    Task<ChannelsView> ChannelsAsync(CancellationToken ct);
    /// <summary>Injects a fault into a channel (null or "clear" clears it); returns the channel's answer.</summary>
    Task<string> ChannelFaultAsync(string channel, string? fault, CancellationToken ct);
}

/// <summary>A request the user can correct: the message says which field and what was expected.</summary>
public sealed class DashboardInputException(string message) : Exception(message);
