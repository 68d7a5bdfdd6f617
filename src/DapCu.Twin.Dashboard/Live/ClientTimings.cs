namespace DapCu.Twin.Dashboard.Live;

/// <summary>How fast a page came up, as the browser measured it (Navigation Timing and performance.now()).</summary>
public sealed record ClientTiming(string Page, double Load_ms, double FirstValue_ms);

/// <summary>
/// Timings pages report when opened with <c>?bench=1</c> (<c>dapcu bench --dashboard</c> opens Chromium so):
/// the benchmark, in another process, waits for the next one instead of scripting the browser.
/// </summary>
public sealed class ClientTimings
{
    private TaskCompletionSource<ClientTiming> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Report(ClientTiming timing) => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(timing);

    public Task<ClientTiming> NextAsync(CancellationToken ct) => Volatile.Read(ref _next).Task.WaitAsync(ct);
}
