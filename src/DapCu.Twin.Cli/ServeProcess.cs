using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DapCu.Twin.Cli;

/// <summary>A `dapcu serve` in a process of its own on a free port (the dashboard benchmark measures its CPU apart
/// from the clients'). Ready once it prints the address it listens on.</summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    /// <summary>CPU time (user + system) the server process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            // /proc/<pid>/stat fields 14 and 15: utime, stime in clock ticks (100 Hz on Linux).
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
    }

    public static async Task<ServeProcess> StartAsync(CancellationToken ct)
    {
        var self = typeof(ServeProcess).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(self);
        foreach (var a in new[] { "serve", "--http-port", "0" }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dapcu serve");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is not null && Listening().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Value.TrimEnd('/') + "/"));
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"dapcu serve exited ({process.ExitCode}) before listening"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try { return new ServeProcess(process, await listening.Task.WaitAsync(TimeSpan.FromMinutes(2), ct)); }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw;
        }
    }

    [GeneratedRegex(@"http://(127\.0\.0\.1|localhost|\[::1\]):\d+/?")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
