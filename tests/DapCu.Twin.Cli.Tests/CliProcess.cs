using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace DapCu.Twin.Cli.Tests;

/// <summary>What one dapcu invocation left behind: exit code and both streams.</summary>
public sealed record CliResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Shown by failed asserts, so a failure says what the CLI actually printed.</summary>
    public override string ToString() => $"dapcu {CommandLine}\nexit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// dapcu (the dapcu.dll built beside these tests) running as a separate process, as a user runs it: its own
/// working directory, stdout and stderr captured line by line, a bounded wait, and Ctrl-C as a real SIGINT.
/// </summary>
public sealed class CliProcess : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);
    private const int SigInt = 2;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly string _commandLine;

    private CliProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "dapcu.dll");

    /// <summary>Runs dapcu to its end (or kills it after <paramref name="timeout"/> and fails).</summary>
    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, DefaultTimeout, args);

    public static CliResult Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var p = Start(workingDirectory, args);
        return p.WaitForExit(timeout);
    }

    /// <summary>Runs dapcu to its end with extra environment variables (e.g. a tool path to test its absence).</summary>
    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var p = Start(workingDirectory, environment, args);
        return p.WaitForExit(DefaultTimeout);
    }

    public static CliProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, null, args);

    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        Assert.True(File.Exists(Dll), $"{Dll} missing: the test project must reference DapCu.Twin.Cli");
        // `env --default-signal=INT` undoes an inherited "ignore SIGINT" (a shell starting the test run in the
        // background without job control passes one on), so Ctrl-C reaches dapcu as it does at a terminal.
        var info = new ProcessStartInfo("/usr/bin/env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(DotnetHost);
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var cli = new CliProcess(process, string.Join(' ', args));
        process.OutputDataReceived += (_, e) => cli.Append(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._stderr, e.Data);
        process.Start();
        process.StandardInput.Close(); // no one types at it
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Ctrl-C: a real SIGINT (Process.Kill would send SIGKILL, which no program can handle).</summary>
    public void Interrupt()
    {
        if (kill(_process.Id, SigInt) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; false if dapcu exits first or time runs out.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition()) return true;
            if (_process.HasExited) return condition();
            Thread.Sleep(25);
        }
        return false;
    }

    public CliResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            Assert.Fail($"dapcu {_commandLine} did not exit within {timeout.TotalSeconds:F0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
        }
        _process.WaitForExit(); // drains the asynchronous stdout/stderr readers
        return new CliResult(_commandLine, _process.ExitCode, Stdout, Stderr);
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }

    private void Append(StringBuilder sink, string? line)
    {
        if (line is null) return;
        lock (sink) sink.Append(line).Append('\n');
    }

    /// <summary>The dotnet host running these tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
