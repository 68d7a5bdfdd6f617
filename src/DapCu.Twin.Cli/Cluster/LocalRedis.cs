using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace DapCu.Twin.Cli.Cluster;

/// <summary>
/// A redis-server of our own (Debian package <c>redis-server</c>) for a local cluster: append-only file with an
/// fsync per write in <see cref="DataDir"/>, stopped (and the folder removed) on dispose. Redis binds its port
/// itself; if another process took the port first, Redis exits and is started again on another one, so no
/// port is handed over unbound.
/// </summary>
public sealed class LocalRedis : IDisposable
{
    public const string Executable = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private LocalRedis(Process process, int port, string dataDir) => (_process, Port, DataDir) = (process, port, dataDir);

    public int Port { get; }
    public string DataDir { get; }

    /// <summary>StackExchange.Redis configuration string (the value of <c>Cluster:Redis</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>Starts redis-server with its data in a new folder under <paramref name="parentDir"/>.</summary>
    public static LocalRedis Start(string parentDir)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} missing: install Debian's redis-server (bash tests/setup.d/redis-server.sh)");
        var failures = new StringBuilder();
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var dataDir = Path.Combine(parentDir, $"redis-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dataDir);
            var server = Launch(FreePort(), dataDir);
            if (server.WaitReady()) return server;
            failures.Append(server.Log);
            server.Dispose();
        }
        throw new InvalidOperationException("redis-server did not start:\n" + failures);
    }

    private static LocalRedis Launch(int port, string dataDir)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", dataDir, "--save", "",
            "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no", "--maxmemory-policy", "noeviction",
        })
            info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var server = new LocalRedis(process, port, dataDir);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>True once redis logs it accepts connections; false if it exited (port taken) or hung.</summary>
    private bool WaitReady()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (Log.Contains("Ready to accept connections")) return true;
            if (_process.HasExited) return false;
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>A client connection, for reading what Orleans wrote.</summary>
    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(ConnectionString);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Append(line).Append('\n');
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
