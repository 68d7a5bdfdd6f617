namespace DapCu.Twin.Grains.Live;

/// <summary>
/// Runs a shard's CPU work (building or restoring its cells, advancing them) on the thread pool, at most one
/// piece of work per core at a time across the silo. A thousand shards starting or catching up together
/// would otherwise occupy every pool thread, and Orleans' own work (activations, timers, messages) runs on
/// that pool too: starved, activations overrun their timeout and are cancelled. Waiting here holds no thread.
/// </summary>
internal static class LiveWork
{
    private static readonly SemaphoreSlim Cores = new(Environment.ProcessorCount);

    public static async Task<T> Run<T>(Func<T> work, CancellationToken ct = default)
    {
        await Cores.WaitAsync(ct);
        try { return await Task.Run(work, ct); }
        finally { Cores.Release(); }
    }

    public static Task Run(Action work) => Run<bool>(() => { work(); return true; });

    /// <summary>Takes a core now if one is free (then <see cref="RunEntered"/> runs the work and frees it).</summary>
    public static bool TryEnter() => Cores.Wait(0);

    public static async Task<T> RunEntered<T>(Func<T> work, CancellationToken ct)
    {
        try { return await Task.Run(work, ct); }
        finally { Cores.Release(); }
    }
}
