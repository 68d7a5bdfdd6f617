namespace DapCu.Twin.Scenarios.Tests.Execution;

/// <summary>Small scenario files (a few seconds of engine time) written to a temp folder.</summary>
internal static class TestScenarios
{
    public const string LfpWithSweepAndFleet = """
        name: tiny-lfp
        description: DAP vs PL Li | LFP, 20 cycles at 1 C, with an N/P sweep and a small fleet.
        seed: 42
        output: { resolution_s: 120 }
        cells:
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
          - { label: PL, design: pl-lfp, np_ratio: 1.2 }
        protocol: |
          Repeat 20 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        sweep: { parameter: np_ratio, values: [0.8, 1.0, 1.2], metric: first_discharge_mAh_g }
        fleet:
          cells: 40
          seed: 7
          spread:
            np_ratio: { dist: normal, sd: 0.05 }
            separator_thickness_um: { dist: uniform, half_width: 2 }
        """;

    public static string Write(string folder, string yaml, string file = "scenario.yaml")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        File.WriteAllText(path, yaml);
        return path;
    }
}
