namespace DapCu.Twin.Dashboard;

/// <summary>What the host tells the dashboard (set by <c>dapcu serve</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>The shipped scenarios folder (scenarios/ of the repo): the paper view lists its paper/
    /// subfolder, the fleet form its fleet scenarios. Null: none offered (upload still works).</summary>
    public string? ScenarioFolder { get; set; }
}
