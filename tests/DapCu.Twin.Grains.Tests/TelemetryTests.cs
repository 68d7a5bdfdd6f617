using System.Diagnostics.Metrics;
using DapCu.Twin.Grains.Cells;
using DapCu.Twin.Grains.Engine;
using DapCu.Twin.Grains.Telemetry;

namespace DapCu.Twin.Grains.Tests;

/// <summary>The twin's OpenTelemetry instruments count what the engine really did.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void A_finished_cell_run_adds_its_cycles_and_one_cell()
    {
        const string yaml = """
            name: telemetry
            cells: [ { label: DAP, design: dap-half } ]
            protocol: |
              Repeat 7 times:
                Plate at 1 mA/cm2 for 30 min
                Strip at 1 mA/cm2 until 1 V
            """;
        long cells = 0, cycles = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TwinTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Other tests may run cells in parallel: count only this test's variant.
            if (!tags.ToArray().Any(t => t.Key == "dapcu.variant" && (string?)t.Value == "DAP")) return;
            if (instrument.Name == "dapcu.cells.completed") Interlocked.Add(ref cells, value);
            if (instrument.Name == "dapcu.cycles.simulated") Interlocked.Add(ref cycles, value);
        });
        listener.Start();

        var cell = CellEngine.Build(new CellSetup(yaml, "telemetry.yaml", "DAP", [], 42));
        var (result, _) = cell.RunProtocol(CellEngine.NoTimeSeries, CancellationToken.None);

        Assert.Equal(7, result.Cycles.Count);
        Assert.True(cells >= 1);
        Assert.True(cycles >= 7 && cycles % 7 == 0, $"cycles counted: {cycles}");
    }
}
