using System.Globalization;
using System.Text.Json;

namespace DapCu.Twin.Dashboard.Tests;

/// <summary>Debian's Prometheus scrapes a running <c>dapcu serve</c>; its HTTP API then holds the twin's series
/// with values that agree with the fleet that runs (cells, cycles, CE, capacity) and with Orleans' own.</summary>
[Collection(LiveServeCollection.Name)]
public sealed class PrometheusScrapeTests(LiveServeFixture live)
{
    private const int FleetCells = 2000; // scenarios/examples/dap-lfp-fleet.yaml

    [Fact]
    public async Task Prometheus_scrapes_the_twins_series_with_sane_values()
    {
        await live.WaitForFleetAsync(m => m.GetProperty("fleet").GetProperty("completedCycles").GetInt64() > 0);
        await using var prometheus = await PrometheusServer.StartAsync(live.Serve.BaseAddress, LiveServeFixture.Guard);
        using (var guard = new CancellationTokenSource(LiveServeFixture.Guard))
        {
            // Two complete scrapes ingested: the third one starting means the second's samples are committed.
            while (await prometheus.Scrapes.Reader.ReadAsync(guard.Token) < 3) { }
        }
        using var http = new HttpClient { BaseAddress = prometheus.Api };
        async Task<double> Query(string promql)
        {
            var body = await http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
            var result = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result");
            Assert.True(result.GetArrayLength() == 1, $"{promql}: expected one series, got {result}\n{prometheus.Log}");
            return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }

        Assert.Equal(1, await Query("up{job=\"dapcu\"}"));
        Assert.Equal(1, await Query("count(target_info{service_name=\"dapcu\"})"));
        // Census: every live fleet's cells counted once across the partition states.
        var fleets = await Query("dapcu_fleets");
        Assert.True(fleets >= 1);
        Assert.Equal(FleetCells * fleets, await Query("sum(dapcu_fleet_cells{state=~\"cycling|resting|finished\"})"));
        Assert.True(await Query("dapcu_cell_steps_total") > 0);
        // Every finished live cycle lands in the capacity histogram and counts as simulated (batch runs, e.g. the
        // paper view's, count there too); CE exists only for cycles that stored charge, each in one bucket.
        var cycles = await Query("dapcu_cycle_capacity_mah_per_cm2_count");
        Assert.True(cycles > 0);
        Assert.True(await Query("dapcu_cycles_simulated_total") >= cycles);
        var ceCycles = await Query("dapcu_cycle_coulombic_efficiency_ratio_count");
        Assert.InRange(ceCycles, 1, cycles);
        Assert.Equal(ceCycles, await Query("dapcu_cycle_coulombic_efficiency_ratio_bucket{le=\"+Inf\"}"));
        // A Li|LFP cell's CE is near 1: the median finished cycle lies between 0.9 and 1.01.

        Assert.InRange(await Query("histogram_quantile(0.5, dapcu_cycle_coulombic_efficiency_ratio_bucket)"), 0.9, 1.01);
        Assert.InRange(await Query("dapcu_cycle_capacity_mah_per_cm2_sum / dapcu_cycle_capacity_mah_per_cm2_count"), 0.1, 10);
        // Orleans' meter: the live fleet's grains are activations on this silo.
        Assert.True(await Query("sum(orleans_catalog_activations{grain_type!~\"sys.*\"})") >= 2);
    }
}
