using DapCu.Twin.Data.Fitting;
using DapCu.Twin.Physics.Parameters;
using Xunit.Abstractions;

namespace DapCu.Twin.Data.Tests;

public class FitTests(ITestOutputHelper output)
{
    private const string Interface = "dap.interface_resistance_ohm_cm2", Contact = "electrolyte.contact_resistance_ohm_cm2";

    /// <summary>Truth: interface 40, contact 1 ohm cm2; 1 mV Gaussian noise on a 30 s record; the fit starts at 20 and 3.
    /// Tolerance: interface within 2 %, contact within 12 % (1 mV over ~1 mA/cm2 is ~1 ohm cm2 per record, so the
    /// contact term is the weakly determined one: its 95 % interval is about +-8 %), and each interval covers the truth.</summary>
    [Fact]
    public void Recovers_known_resistances_from_a_noisy_twin_run()
    {
        var truth = ParameterSets.Chen2024.With(Interface, 40).With(Contact, 1);
        using var dir = new TempDir();
        var measured = TwinRuns.AsMeasured(TwinRuns.Run("dap-half", truth, TwinRuns.TwoRateHalfCell, resolution_s: 30), dir.File("synthetic.bdf.csv"), noise_V: 1e-3);
        var start = ParameterSets.Chen2024.With(Interface, 20).With(Contact, 3);

        var fit = new ParameterFit(measured, TwinRuns.Cell("dap-half", start), [Interface, Contact]).Run();

        foreach (var p in fit.Parameters) output.WriteLine($"{p.Path}: {p.Value:G6} [{p.Lower95:G5}, {p.Upper95:G5}] start {p.Start}");
        output.WriteLine($"rms {fit.RmseBefore_V * 1000:F3} -> {fit.RmseAfter_V * 1000:F3} mV, {fit.Iterations} it, {fit.Replays} replays, {fit.ExitReason}");
        var r = fit.Parameters.Single(p => p.Path == Interface);
        var c = fit.Parameters.Single(p => p.Path == Contact);
        Assert.InRange(r.Value, 39.2, 40.8);
        Assert.InRange(c.Value, 0.88, 1.12);
        Assert.True(r.Covers(40), $"interface CI [{r.Lower95}, {r.Upper95}] misses 40");
        Assert.True(c.Covers(1), $"contact CI [{c.Lower95}, {c.Upper95}] misses 1");
        // The residual left is the noise: RMS near 1 mV, far below the start's.
        Assert.InRange(fit.RmseAfter_V, 0.9e-3, 1.1e-3);
        Assert.True(fit.RmseBefore_V > 5 * fit.RmseAfter_V);
        Assert.Equal(40, fit.Fitted.Dap.InterfaceResistance_ohm_cm2, 0);
    }

    [Fact]
    public void Unknown_parameter_path_names_it_and_the_known_ones()
    {
        using var dir = new TempDir();
        var measured = TwinRuns.AsMeasured(TwinRuns.Run("dap-half", ParameterSets.Chen2024, "Plate at 1 mA/cm2 for 0.1 h"), dir.File("m.bdf.csv"));
        var e = Assert.Throws<ArgumentException>(() => new ParameterFit(measured, TwinRuns.Cell("dap-half", ParameterSets.Chen2024), ["dap.interface_resistence_ohm_cm2"]));
        Assert.Contains("dap.interface_resistence_ohm_cm2", e.Message);
        Assert.Contains("interface_resistance_ohm_cm2", e.Message.Replace("interface_resistence", ""));
        var g = Assert.Throws<ArgumentException>(() => new ParameterFit(measured, TwinRuns.Cell("dap-half", ParameterSets.Chen2024), ["nosuchgroup.x"]));
        Assert.Contains("unknown parameter group 'nosuchgroup'", g.Message);
    }

    [Fact]
    public void Fitted_file_loads_back_through_a_scenario()
    {
        var truth = ParameterSets.Chen2024.With(Interface, 35);
        using var dir = new TempDir();
        var measured = TwinRuns.AsMeasured(TwinRuns.Run("dap-half", truth, TwinRuns.TwoRateHalfCell), dir.File("m.bdf.csv"), noise_V: 5e-4);
        var fit = new ParameterFit(measured, TwinRuns.Cell("dap-half", ParameterSets.Chen2024), ["dap.interface_resistance_ohm_cm2"]).Run();
        ParameterFile.Write(fit, dir.File("fitted.yaml"));
        var text = File.ReadAllText(dir.File("fitted.yaml"));
        Assert.Contains("95 % CI", text);
        var scenario = dir.Write("s.yaml", "parameters: { file: fitted.yaml }\ncells:\n  - design: dap-half\nprotocol: |\n  Plate at 1 mA/cm2 for 1 h\n");
        var loaded = Scenarios.ScenarioLoader.Load(scenario).Cells[0].Parameters;
        Assert.Equal(fit.Fitted.Dap.InterfaceResistance_ohm_cm2, loaded.Dap.InterfaceResistance_ohm_cm2);
        Assert.InRange(loaded.Dap.InterfaceResistance_ohm_cm2, 33, 37);
    }

    /// <summary>Contact resistance and electrolyte conductivity both add an ohmic drop in series (R = R_contact +
    /// L/kappa), so a voltage record fixes only their sum: the fit must say so (|r| > 0.95, wide intervals), and the
    /// profile must show conductivity swinging as contact resistance is held at other values, the RMS barely moving.</summary>
    [Fact]
    public void Series_resistances_are_flagged_as_trading_off_and_the_profile_shows_it()
    {
        const string Conductivity = "electrolyte.conductivity_mS_cm";
        var truth = ParameterSets.Chen2024.With(Contact, 1);
        using var dir = new TempDir();
        var measured = TwinRuns.AsMeasured(TwinRuns.Run("dap-half", truth, TwinRuns.TwoRateHalfCell, resolution_s: 60), dir.File("m.bdf.csv"), noise_V: 1e-3);
        var fitter = new ParameterFit(measured, TwinRuns.Cell("dap-half", ParameterSets.Chen2024.With(Contact, 2)), [Contact, Conductivity]);
        var fit = fitter.Run();
        output.WriteLine($"r = {fit.Correlation[0, 1]}; " + string.Join("; ", fit.Parameters.Select((p, i) => $"{p.Path} {p.Value:G4} [{p.Lower95:G4}, {p.Upper95:G4}] {string.Join(", ", fit.Flags(i))}")));
        Assert.True(Math.Abs(fit.Correlation[0, 1]) > FitResult.CorrelationLimit, $"r = {fit.Correlation[0, 1]}");
        Assert.Contains(fit.Flags(0), f => f.Contains("correlated with " + Conductivity));
        Assert.Contains(fit.Flags(1), f => f.Contains("correlated with " + Contact));
        Assert.All(fit.Parameters.Select((_, i) => fit.Flags(i)), flags => Assert.Contains(flags, f => f.StartsWith("not identifiable")));

        var profile = fitter.Profile(fit, Contact, points: 5);
        foreach (var point in profile) output.WriteLine($"{point.Value:G4} -> rms {point.Rmse_V * 1000:F3} mV, kappa {point.Others[Conductivity]:G4}");
        // Holding contact resistance higher leaves less drop for the electrolyte: conductivity rises monotonically.
        var kappa = profile.Select(p => p.Others[Conductivity]).ToList();
        Assert.True(kappa.Zip(kappa.Skip(1)).All(k => k.Second > k.First), string.Join(", ", kappa));
        Assert.True(profile.Max(p => p.Rmse_V) < 1.2 * profile.Min(p => p.Rmse_V), "RMS nearly flat along the profile");
    }
}
