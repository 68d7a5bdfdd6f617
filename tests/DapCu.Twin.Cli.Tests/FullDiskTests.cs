using System.Diagnostics;

namespace DapCu.Twin.Cli.Tests;

/// <summary>
/// A full disk (issue 15): a 1 MB tmpfs as the output folder. The run fails naming the file whose write failed,
/// the marker says failed (not running), and once the tmpfs is grown --resume completes the run. Mounting needs
/// root, as the suite has in CI (tests/run-all.sh runs as root).
/// </summary>
public class FullDiskTests
{
    private static void Sh(params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(args[0], args[1..]) { RedirectStandardError = true })!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{string.Join(' ', args)}: {error} (this test mounts a tmpfs and needs root, as in CI)");
    }

    [Fact]
    public void A_full_disk_names_the_file_marks_the_run_failed_and_resume_completes_it_once_space_is_back()
    {
        using var dir = new TempFolder();
        dir.Write("full.yaml", "name: full\nseed: 7\noutput: { resolution_s: 1 }\ncells:\n  - label: DAP\n    design: dap-half\n" +
                               "protocol: |\n  Repeat 6 times:\n    Plate at 1 mA/cm2 for 1 h\n    Strip at 1 mA/cm2 until 1 V\n");
        var disk = dir["disk"];
        Directory.CreateDirectory(disk);
        Sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk);
        try
        {
            var full = CliProcess.Run(dir.Path, "run", "full.yaml", "--out", "disk", "--no-grains");

            Assert.True(full.ExitCode == 1, full.ToString());
            Assert.Contains($"No space left on device : '{Path.Combine(disk, ".full.partial", "timeseries.csv")}'", full.Stderr);
            Assert.StartsWith("failed: No space left on device", File.ReadAllText(Path.Combine(disk, "full.INCOMPLETE")));
            Assert.False(Directory.Exists(Path.Combine(disk, "full")));

            Sh("mount", "-o", "remount,size=32m", disk);
            var resumed = CliProcess.Run(dir.Path, "run", "full.yaml", "--out", "disk", "--no-grains", "--resume");

            Assert.True(resumed.ExitCode == 0, resumed.ToString());
            Assert.Contains("full: complete", resumed.Stdout);
            Assert.False(File.Exists(Path.Combine(disk, "full.INCOMPLETE")));
            // 6 cycles of ~2 h at 1 s: the whole time series is there, not the part that fitted.
            Assert.InRange(TestScenarios.DataRows(Path.Combine(disk, "full", "timeseries.csv")), 6 * 3600, 6 * 2 * 3600 + 100);
        }
        finally { Sh("umount", disk); }
    }
}
