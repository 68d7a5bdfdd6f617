namespace DapCu.Twin.Grains.Live;

/// <summary>Calls one grain per index with at most a given number of calls in flight.</summary>
internal static class LiveFanOut
{
    public static async Task ForEach(int count, int inFlight, Func<int, Task> call)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Clamp(inFlight, 1, Math.Max(count, 1))).Select(async _ =>
        {
            // Each lane takes the next index when its call is done; the grain's scheduler runs the lanes one turn at a time.
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) await call(i);
        }));
    }
}
