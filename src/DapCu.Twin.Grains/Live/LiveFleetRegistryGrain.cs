using DapCu.Twin.Grains.Hosting;

namespace DapCu.Twin.Grains.Live;

/// <summary>The cluster's list of live fleets (one grain, key <see cref="LiveFleetRegistryGrain.Key"/>), persisted.</summary>
public interface ILiveFleetRegistryGrain : IGrainWithStringKey
{
    Task Add(string fleetId);
    Task Remove(string fleetId);
    Task<string[]> List();
}

[GenerateSerializer]
public sealed class LiveFleetRegistryRecord
{
    [Id(0)] public SortedSet<string> Fleets { get; set; } = new(StringComparer.Ordinal);
}

public sealed class LiveFleetRegistryGrain(
    [PersistentState("live-fleets", EmbeddedSiloExtensions.StorageName)] IPersistentState<LiveFleetRegistryRecord> record) : Grain, ILiveFleetRegistryGrain
{
    public const string Key = "live";

    public async Task Add(string fleetId)
    {
        if (record.State.Fleets.Add(fleetId)) await record.WriteStateAsync();
    }

    public async Task Remove(string fleetId)
    {
        if (record.State.Fleets.Remove(fleetId)) await record.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult(record.State.Fleets.ToArray());
}
