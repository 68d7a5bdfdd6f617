using DapCu.Twin.Scenarios.Output;

namespace DapCu.Twin.Scenarios.Tests.Output;

public class PlotTests
{
    [Fact]
    public void Writes_every_standard_figure_as_png_and_svg_byte_identically_twice()
    {
        var runs = new[] { new LabelledRun("DAP", TestRuns.HalfCell(30, 0.95, 0.0005)), new LabelledRun("PL", TestRuns.HalfCell(20, 0.7, 0.005, 40)) };
        var a = Scratch.Create("dapcu-plot-a").FullName;
        var b = Scratch.Create("dapcu-plot-b").FullName;
        var files = RunPlots.WriteAll(a, runs);
        RunPlots.WriteAll(b, runs);

        foreach (var name in new[] { "voltage_time", "voltage_capacity", "overpotential_time", "ce_cycle", "capacity_cycle" })
        {
            Assert.Contains(name + ".png", files);
            Assert.Contains(name + ".svg", files);
        }
        foreach (var f in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(a, f));
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(b, f)));
            if (f.EndsWith(".png")) Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            else Assert.Contains("<svg", System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void Decimation_keeps_every_extreme_and_bounds_the_point_count()
    {
        var xs = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();
        var ys = xs.Select(x => Math.Sin(x / 500)).ToArray();
        ys[12_345] = 9;   // a spike, as at a short
        ys[77_777] = -9;
        var (dx, dy) = PlotFiles.Decimate(xs, ys, 1000);
        Assert.True(dx.Length <= 1000);
        Assert.Contains(9.0, dy);
        Assert.Contains(-9.0, dy);
        Assert.Equal(dx.Order().ToArray(), dx);
    }
}
