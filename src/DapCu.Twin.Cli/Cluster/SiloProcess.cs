using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>
/// One <c>dapcu serve</c> silo in a process of its own, configured through <c>Cluster__*</c> environment variables
/// for Redis mode. It chooses and binds its own ports (silo and gateway port 0); the harness learns them from
/// the membership table, never by handing a port over. <see cref="Kill"/> is SIGKILL: no checkpoint, no goodbye.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string name) => (_process, Name) = (process, name);

    public string Name { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="environment">Further configuration (<c>Cluster__Membership__Profile</c>, <c>Live__…</c>).</param>
    /// <param name="serveArgs">Arguments after <c>serve</c>.</param>
    public static SiloProcess Start(string name, LocalRedis redis, string clusterId, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> serveArgs, string workingDirectory)
    {
        var self = typeof(SiloProcess).Assembly.Location;
        var host = DotnetHost();
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(self);
        info.ArgumentList.Add("serve");
        foreach (var a in serveArgs) info.ArgumentList.Add(a);
        var env = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Redis",
            ["Cluster__Redis"] = redis.ConnectionString,
            ["Cluster__ServiceId"] = clusterId,
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__SiloName"] = name,
            ["Cluster__SiloPort"] = "0",
            ["Cluster__GatewayPort"] = "0",
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Cluster__ListenAddress"] = "127.0.0.1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["NO_COLOR"] = "1",
        };
        foreach (var (k, v) in environment) env[k] = v;
        foreach (var (k, v) in env) info.Environment[k] = v;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, name);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL, as a crashed machine: the process gets no chance to checkpoint or leave the cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM and wait: a graceful stop (grains deactivate and checkpoint, the silo leaves the table).</summary>
    public async Task StopAsync(TimeSpan hangGuard)
    {
        if (_process.HasExited) return;
        if (kill(_process.Id, SigTerm) != 0) _process.Kill();
        using var timeout = new CancellationTokenSource(hangGuard);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { _process.Kill(); await _process.WaitForExitAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Append(line).Append('\n');
    }

    /// <summary>The dotnet host running us (dotnet test sets DOTNET_HOST_PATH; dapcu runs under dotnet or as its apphost).</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h)) return h;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
