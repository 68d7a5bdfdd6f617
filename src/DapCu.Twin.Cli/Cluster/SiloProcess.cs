using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>
/// One <c>dapcu serve</c> silo in a process of its own, configured through <c>Cluster__*</c> environment variables
/// for Redis mode. It chooses and binds its own ports (silo and gateway port 0); the harness learns them from
/// the membership table, never by handing a port over. Configuration goes in as <c>DAPCU_</c> environment variables. <see cref="Kill"/> is SIGKILL: no checkpoint, no goodbye.
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

    /// <summary>Arguments after <c>serve</c> for a harness silo: the API on a free loopback port (serve prints it).</summary>
    public static readonly IReadOnlyList<string> HarnessServeArgs = ["--http-port", "0"];

    /// <param name="configuration">Further configuration keys (<c>Cluster:Membership:Profile</c>, <c>Live:…</c>).</param>
    /// <param name="serveArgs">Arguments after <c>serve</c>.</param>
    public static SiloProcess Start(string name, LocalRedis redis, string clusterId, IReadOnlyDictionary<string, string> configuration,
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
        var keys = new Dictionary<string, string>
        {
            ["Cluster:Mode"] = "Redis",
            ["Cluster:Redis"] = redis.ConnectionString,
            ["Cluster:ServiceId"] = clusterId,
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:SiloName"] = name,
            ["Cluster:SiloPort"] = "0",
            ["Cluster:GatewayPort"] = "0",
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Cluster:ListenAddress"] = "127.0.0.1",
        };
        foreach (var (k, v) in configuration) keys[k] = v;
        foreach (var (k, v) in keys) info.Environment["DAPCU_" + k.Replace(":", "__", StringComparison.Ordinal)] = v;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";

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
