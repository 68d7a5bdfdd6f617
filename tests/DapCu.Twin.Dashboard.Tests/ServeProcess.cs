using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DapCu.Twin.Dashboard.Tests;

/// <summary>
/// <c>dapcu serve --http-port 0</c> (the dapcu.dll built beside these tests) as a separate process, run from the
/// repository root so it finds the shipped scenarios. Ready when it prints the address it listens on.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartGuard = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;
    public int Id => _process.Id;
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<ServeProcess> StartAsync(params string[] extraArgs)
    {
        // dapcu from its own build output (this test's configuration and framework): the copy beside the tests
        // resolves the Hosting packages against the ASP.NET Core framework these tests reference, and cannot start.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepoRoot, "src", "DapCu.Twin.Cli", "bin", here.Parent!.Name, here.Name, "dapcu.dll");
        Assert.True(File.Exists(dll), $"{dll} missing: the test project must reference DapCu.Twin.Cli");
        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "serve", "--http-port", "0" }.Concat(extraArgs)) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        var serve = new ServeProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        serve._process.OutputDataReceived += (_, e) => serve.Line(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Line(e.Data);
        serve._process.Exited += (_, _) => serve._listening.TrySetException(
            new InvalidOperationException($"dapcu serve exited before listening:\n{serve.Output}"));
        serve._process.Start();
        serve._process.StandardInput.Close();
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        try { serve.BaseAddress = await serve._listening.Task.WaitAsync(StartGuard); }
        catch (TimeoutException) { await serve.DisposeAsync(); throw new TimeoutException($"dapcu serve printed no address:\n{serve.Output}"); }
        return serve;
    }

    private void Line(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Append(line).Append('\n');
        if (Address().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Value.TrimEnd('/') + "/"));
    }

    [GeneratedRegex(@"http://(127\.0\.0\.1|localhost|\[::1\]):\d+/?")]
    private static partial Regex Address();

    /// <summary>The repository: the first folder above the test binaries that holds scenarios/ and dashboards/.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "scenarios")) && Directory.Exists(Path.Combine(dir.FullName, "dashboards")))
                    return dir.FullName;
            throw new DirectoryNotFoundException($"no repository (scenarios/ and dashboards/) above {AppContext.BaseDirectory}");
        }
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
