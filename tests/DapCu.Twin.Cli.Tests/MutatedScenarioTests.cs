using System.Text;

namespace DapCu.Twin.Cli.Tests;

/// <summary>
/// Property test (issue 15, "Never a stack trace"): scenario files mutated at random (fixed seed, bounded count)
/// through validate and run. Every outcome is exit 0 or exit 2 with a message naming the file; never a stack
/// trace, a crash or another exit code.
/// </summary>
public class MutatedScenarioTests
{
    private const string Seed = """
        name: fuzz
        seed: 7
        output: { resolution_s: 600 }
        parameters: { file: p.yaml }
        cells:
          - label: DAP
            design: dap-half
            np_ratio: 2
          - { label: PL, design: pl-half, area_cm2: 1.131 }
        protocol: |
          Repeat 2 times:
            Plate at 1 mA/cm2 for 1 h
            Strip at 1 mA/cm2 until 1 V
        sweep: { parameter: current_density_mA_cm2, values: [0.5, 1.0], metric: first_ce }

        """;

    private static readonly string[] Tokens =
    [
        ":", "-", " ", "\t", "[", "]", "{", "}", "*a", "&a ", "\n", ".", "\"", "'", "|", "#", "---\n", "!!binary ", "..", "/",
        "1e308", "-1", "0", "2000000000", "0.000001", "NaN", "1e-308", "name: x y\n", "file: /dev/zero", "file: ../../x",
        "Repeat 1000000000 times:", "fleet: { cells: 10000000 }", "until", "mA/cm2", "C", "h", "é", "\u0000",
    ];

    private static string Mutate(string text, Random random)
    {
        var s = new StringBuilder(text);
        for (int m = random.Next(1, 4); m > 0; m--)
        {
            int at = random.Next(s.Length + 1);
            switch (random.Next(5))
            {
                case 0: if (at < s.Length) s.Remove(at, Math.Min(random.Next(1, 6), s.Length - at)); break;
                case 1: s.Insert(at, Tokens[random.Next(Tokens.Length)]); break;
                case 2:
                    var lines = s.ToString().Split('\n').ToList();
                    int i = random.Next(lines.Count), j = random.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    s.Clear().Append(string.Join('\n', lines));
                    break;
                case 3:
                    var all = s.ToString().Split('\n').ToList();
                    int k = random.Next(all.Count);
                    all.Insert(k, all[k]);
                    s.Clear().Append(string.Join('\n', all));
                    break;
                default:
                    // A number somewhere becomes another number.
                    var digits = Enumerable.Range(0, s.Length).Where(p => char.IsAsciiDigit(s[p])).ToArray();
                    if (digits.Length > 0) s.Insert(digits[random.Next(digits.Length)], Tokens[20 + random.Next(7)]);
                    break;
            }
        }
        return s.ToString();
    }

    private static void AssertOnlyMessages(CliResult r)
    {
        Assert.True(r.ExitCode is 0 or 2, r.ToString());
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Exception:", r.Stderr);
        if (r.ExitCode == 2) Assert.Contains("error: ", r.Stderr);
    }

    [Fact]
    public void Validate_and_run_of_mutated_files_end_in_exit_0_or_a_message_with_exit_2()
    {
        var random = new Random(20261201);
        using var dir = new TempFolder();
        for (int i = 0; i < 200; i++)
        {
            dir.Write($"v/{i:D3}/p.yaml", random.Next(4) == 0 ? Mutate("electrolyte.contact_resistance_ohm_cm2: 2\n", random) : "electrolyte.contact_resistance_ohm_cm2: 2\n");
            dir.Write($"v/{i:D3}/s{i:D3}.yaml", Mutate(Seed.Replace("name: fuzz", $"name: fuzz{i}"), random));
        }
        for (int i = 0; i < 16; i++)
        {
            dir.Write($"r/{i:D3}/p.yaml", "electrolyte.contact_resistance_ohm_cm2: 2\n");
            dir.Write($"r/{i:D3}/s{i:D3}.yaml", Mutate(Seed.Replace("name: fuzz", $"name: fuzz{i}"), random));
        }

        var validate = CliProcess.Run(dir.Path, TimeSpan.FromMinutes(10), "validate", "v");
        // A small budget keeps a mutation that still validates (say, 20 repeats instead of 2) from running for long.
        var run = CliProcess.Run(dir.Path, TimeSpan.FromMinutes(20), "run", "r", "--no-grains", "--max-hours", "0.02", "--max-memory-gb", "1");

        AssertOnlyMessages(validate);
        // Each of the 200 files is either ok or named in an error (its own, or the parameter file beside it).
        for (int i = 0; i < 200; i++) Assert.Contains($"/v/{i:D3}/", validate.Stdout + validate.Stderr);
        AssertOnlyMessages(run);
    }
}
