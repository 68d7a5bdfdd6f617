namespace DapCu.Twin.Cli.Cluster;

/// <summary>The fleet the failover drill runs: Li|LFP full cells with N/P and kinetic spread, 12 cycles at 1C
/// (about 24 h of cell time, so about 45 s of wall time at 2,000x).</summary>
public static class FailoverScenario
{
    public const string Yaml = """
        name: failover-drill
        seed: 42
        cells:
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
        protocol: |
          Repeat 12 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        fleet:
          cells: 100
          seed: 7
          spread:
            np_ratio: { dist: normal, sd: 0.05 }
            pl.exchange_current_density_mA_cm2: { dist: lognormal, sigma: 0.2 }
        """;

    public const string Variant = "DAP";
    public const double TimeScale = 2000;
}
