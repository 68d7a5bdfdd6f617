using System.Text;
using DapCu.Twin.Scenarios.Execution;

namespace DapCu.Twin.Scenarios.Tests.Loading;

/// <summary>Small hostile files are refused before they can exhaust the machine (issue 15, "Bounded resources").</summary>
public sealed class InputLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dapcu-limits").FullName;

    private const string Cells = "cells:\n  - { label: DAP, design: dap-half }\n";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static ScenarioException Fail(string yaml) => Assert.Throws<ScenarioException>(() =>
    {
        var s = ScenarioLoader.Parse(yaml, "bad.yaml");
        ScenarioJob.Validate(s);
    });

    [Fact]
    public void An_alias_bomb_inside_protocol_steps_is_refused_at_the_alias_that_crosses_the_limit()
    {
        // Nine aliases per level, eight levels: 1 KB of text, 43 million steps once expanded.
        var text = new StringBuilder("name: bomb\n" + Cells + "x0: &x0 [\"Rest for 1 s\"]\n");
        for (int i = 1; i <= 8; i++) text.Append($"x{i}: &x{i} [{string.Join(", ", Enumerable.Repeat($"*x{i - 1}", 9))}]\n");
        text.Append("protocol: [{ repeat: 2, steps: *x8 }]\n");
        Assert.True(text.Length < 1024);

        var e = Fail(text.ToString());

        Assert.Contains("aliases", e.Message);
        Assert.InRange(e.Line, 3, 11);
    }

    [Fact]
    public void Two_hundred_thousand_levels_of_nesting_are_an_error_not_a_stack_overflow()
    {
        var e = Fail("name: deep\n" + Cells + "protocol: " + new string('[', 200_000) + new string(']', 200_000) + "\n");

        Assert.Contains("nesting at most 64 levels", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void A_second_yaml_document_is_an_error()
    {
        var e = Fail("name: one\n" + Cells + "protocol: |\n  Rest for 1 h\n---\nname: two\n");
        Assert.Contains("one YAML document per file", e.Message);
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void A_50_MB_description_is_refused_by_size_before_it_is_read()
    {
        var path = Write("big.yaml", "name: big\ndescription: " + new string('x', 50_000_000) + "\n" + Cells + "protocol: |\n  Rest for 1 h\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Contains("a file of at most 1024 KB", e.Message);
        Assert.Contains("48828 KB", e.Message);
    }

    [Fact]
    public void Only_regular_files_are_read_so_a_link_to_dev_zero_is_an_error()
    {
        Assert.True(File.Exists("/dev/zero"), "this test needs /dev/zero (Linux)");
        var link = Path.Combine(_dir, "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(link));
        Assert.Contains("a regular file", e.Message);
    }

    [Theory]
    [InlineData("Plate at 1e308 mA/cm2 for 1 h", "a current density within 0 to 100 mA/cm2", "1E+308 mA/cm2")]
    [InlineData("Charge at 500C until 4 V", "a C-rate within 0 to 100 C", "500 C")]
    [InlineData("Rest for 1e8 h", "a step of at most 87660 h", "1E+08 h")]
    [InlineData("Strip at 1 mA/cm2 until 60 V", "a voltage within ±10 V", "60 V")]
    public void Physically_absurd_values_are_errors_with_the_plausible_range(string step, string expected, string found)
    {
        var e = Fail("name: absurd\n" + Cells + "protocol: |\n  " + step + "\n");
        Assert.Contains("expected " + expected, e.Message);
        Assert.Contains("found " + found, e.Message);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void A_swept_absurd_current_is_an_error_at_the_sweep_key()
    {
        var e = Fail("name: swept\n" + Cells + "protocol: |\n  Plate at 1 mA/cm2 for 1 h\n" +
                     "sweep: { parameter: current_density_mA_cm2, values: [1, 1e308], metric: first_ce }\n");
        Assert.Contains("expected sweep values giving a current density within 0 to 100 mA/cm2", e.Message);
        Assert.Contains("current_density_mA_cm2 = 1E+308", e.Message);
        Assert.Equal(6, e.Line);
    }

    [Theory]
    [InlineData("my run (2).yaml", "my-run--2-")]
    [InlineData(".hidden.yaml", "hidden")]
    public void A_file_without_name_takes_a_folder_safe_name_from_its_file_name(string file, string name)
    {
        var s = ScenarioLoader.Load(Write(file, Cells + "protocol: |\n  Rest for 1 h\n"));
        Assert.Equal(name, s.Name);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".x")]
    [InlineData("a/b")]
    public void A_name_that_is_no_plain_folder_name_is_an_error(string name)
    {
        var e = Fail($"name: \"{name}\"\n" + Cells + "protocol: |\n  Rest for 1 h\n");
        Assert.Contains("a name usable as a folder", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void A_300_character_name_is_an_error_before_any_path_is_built()
    {
        var e = Fail($"name: {new string('a', 300)}\n" + Cells + "protocol: |\n  Rest for 1 h\n");
        Assert.Contains("at most 100 characters", e.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
