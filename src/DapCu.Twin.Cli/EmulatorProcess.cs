using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DapCu.Twin.Cli;

/// <summary>A `dapcu emulate` in a process of its own, as a cycler program would see it: the latency
/// benchmark's client then does not share the emulator's threads and heap.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, IReadOnlyList<int> ports) => (_process, Ports) = (process, ports);

    public IReadOnlyList<int> Ports { get; }

    public static async Task<EmulatorProcess> StartAsync(string cell, int channels, double timeScale, CancellationToken ct)
    {
        var first = FreeRange(channels);
        var self = typeof(EmulatorProcess).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(self);
        foreach (var a in new[] { "emulate", "--cell", cell, "--channels", channels.ToString(), "--port", first.ToString(),
                     "--time-scale", timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dapcu emulate");
        process.StandardOutput.ReadToEndAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default).Ignore();
        // Ready once it says it is serving.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            if (line.Contains("serving until Ctrl-C", StringComparison.Ordinal))
            {
                process.StandardError.ReadToEndAsync(ct).Ignore();
                return new EmulatorProcess(process, Enumerable.Range(first, channels).ToArray());
            }
        throw new InvalidOperationException($"dapcu emulate exited ({process.ExitCode}) before serving");
    }

    /// <summary>A run of consecutive ports nobody is listening on.</summary>
    private static int FreeRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20000, 60000 - count);
            if (Enumerable.Range(first, count).All(Free)) return first;
        }
        throw new InvalidOperationException($"no {count} consecutive free ports found");

        static bool Free(int port)
        {
            try { var l = new TcpListener(IPAddress.Loopback, port); l.Start(); l.Stop(); return true; }
            catch (SocketException) { return false; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

internal static class TaskExtensions
{
    /// <summary>Lets a background read run to completion without awaiting it.</summary>
    public static void Ignore(this Task task) => task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
}
