using DapCu.Twin.Grains.Hosting;
using Orleans.TestingHost;

namespace DapCu.Twin.Grains.Tests;

/// <summary>One in-process test cluster (ports chosen by the test host) shared by the grain tests.</summary>
public sealed class ClusterFixture : IDisposable
{
    public ClusterFixture()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        Cluster.Deploy();
    }

    public TestCluster Cluster { get; }

    public void Dispose() => Cluster.StopAllSilos();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddMemoryGrainStorage(EmbeddedSiloExtensions.StorageName).UseInMemoryReminderService();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

internal static class TinyScenario
{
    public const string Yaml = """
        name: tiny-lfp
        seed: 42
        output: { resolution_s: 120 }
        cells:
          - { label: DAP, design: dap-lfp, np_ratio: 1.2 }
          - { label: PL, design: pl-lfp, np_ratio: 1.2 }
        protocol: |
          Repeat 30 times:
            Discharge at 1C until 2.5 V
            Charge at 1C until 4.0 V
        fleet:
          cells: 60
          seed: 7
          spread:
            np_ratio: { dist: normal, sd: 0.05 }
            pl.exchange_current_density_mA_cm2: { dist: lognormal, sigma: 0.2 }
        """;

    public static Scenarios.Scenario Load() => Scenarios.ScenarioLoader.Parse(Yaml, "tiny-lfp.yaml");
}
