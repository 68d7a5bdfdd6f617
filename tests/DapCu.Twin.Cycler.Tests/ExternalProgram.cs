using System.Diagnostics;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>Runs a third-party program installed by tests/setup.d/cycler-clients.sh; a missing program fails the
/// test with a message that says how to install it.</summary>
public static class ExternalProgram
{
    public const string Setup = "run tests/setup.d/cycler-clients.sh as root (tests/run-all.sh does)";

    public static void Require(string path, string package)
    {
        if (!File.Exists(path)) throw new Xunit.Sdk.XunitException($"{path} not found: Debian package {package} is missing; {Setup}");
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{file} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s; stderr: {stderr.Result}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
