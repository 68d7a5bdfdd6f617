using System.Diagnostics;

namespace DapCu.Twin.Cli;

/// <summary>A `dapcu emulate` in a process of its own, as a cycler program would see it: the latency
/// benchmark's client then does not share the emulator's threads and heap. The child binds port 0 for every
/// listener and reports what it bound (its first stdout line, see <see cref="EmulatorPorts"/>), so no port is
/// chosen here and handed over (another process could take it in between).</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, IReadOnlyList<int> ports, int? control) => (_process, Ports, ControlPort) = (process, ports, control);

    public IReadOnlyList<int> Ports { get; }
    public int? ControlPort { get; }

    public static async Task<EmulatorProcess> StartAsync(string cell, int channels, double timeScale, CancellationToken ct,
        params string[] extraArgs)
    {
        var self = typeof(EmulatorProcess).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(self);
        foreach (var a in new[] { "emulate", "--cell", cell, "--channels", channels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--port", "0", "--time-scale", timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(extraArgs))
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dapcu emulate");
        var stderr = new System.Text.StringBuilder();
        var errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
                lock (stderr) if (stderr.Length < 4000) stderr.AppendLine(line);
        }, CancellationToken.None);
        try
        {
            // Its first stdout line is the ports it bound; it is written once every listener is up.
            var line = await process.StandardOutput.ReadLineAsync(ct);
            if (line is null)
            {
                await process.WaitForExitAsync(ct);
                await errors;
                throw new InvalidOperationException($"dapcu emulate exited ({process.ExitCode}) before serving: {stderr}");
            }
            var (ports, control) = EmulatorPorts.Parse(line, "dapcu emulate's first output line");
            process.StandardOutput.ReadToEndAsync(CancellationToken.None).Ignore();
            return new EmulatorProcess(process, ports, control);
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
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
