using DapCu.Twin.Cycler.Grains;
using DapCu.Twin.Cycler.Hosting;
using DapCu.Twin.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>The emulator inside another generic host with its own silo (as `dapcu serve` runs it), and the read
/// model a dashboard calls.</summary>
public class HostingTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseDapCuEmbeddedSilo();
        builder.Services.AddDapCuEmulator(builder.Configuration.GetSection("Emulator"), LithiumReservoirCell.ForDesign);
        return builder.Build();
    }

    [Fact]
    public async Task One_call_hosts_the_emulator_in_the_hosts_silo_and_the_read_model_shows_and_drives_it()
    {
        using var host = Build(new() { ["Emulator:Cell"] = "dap-half", ["Emulator:Channels"] = "2", ["Emulator:Port"] = "0" });
        await host.StartAsync();
        try
        {
            var emulator = host.Services.GetRequiredService<EmulatorHostedService>().Emulator!;
            using var c = new LineClient(emulator.Ports[1]);
            Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400,9100001", c.Ask("*IDN?"));
            c.Write(":SOUR:FUNC CURR;:SOUR:CURR 1e-3;:SENS:VOLT:PROT 4.2;:FORM:ELEM VOLT;:OUTP ON\n");
            var clean = double.Parse(c.Ask(":READ?"), System.Globalization.CultureInfo.InvariantCulture);

            var model = host.Services.GetRequiredService<IEmulatorReadModel>();
            var view = await model.ViewAsync(1);
            Assert.True(view.OutputOn);
            Assert.Equal(1e-3, view.Current_A, 12);
            Assert.Contains(view.LastCommands, m => m.Message == ":READ?" && m.Reply is not null);
            Assert.Empty(view.ActiveFaults);

            Assert.Equal("short 0.5 ohm", await model.InjectFaultAsync(1, "short 0.5"));
            Assert.Equal(["short 0.5 ohm"], (await model.ViewAsync(1)).ActiveFaults);
            var shorted = double.Parse(c.Ask(":READ?"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(shorted < clean, $"the client sees the short the dashboard injected: {clean} -> {shorted}");
            await model.ClearFaultAsync(1);
            Assert.Empty((await model.ViewAsync(1)).ActiveFaults);
            Assert.Equal(2, (await model.ViewsAsync()).Length);
            await Assert.ThrowsAsync<FormatException>(() => model.InjectFaultAsync(0, "melt"));

            // The channel grain lives in the host's own silo.
            var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IChannelGrain>($"{emulator.Id}/1");
            Assert.Contains((await grain.GetView()).LastCommands, m => m.Message.StartsWith(":SOUR:FUNC CURR", StringComparison.Ordinal));
        }
        finally { await host.StopAsync(); }
    }

    [Theory]
    [InlineData("Channels", "x", "Emulator:Channels")]
    [InlineData("TimeScale", "-1", "Emulator:TimeScale")]
    [InlineData("Dialect", "gpib", "Emulator:Dialect")]
    public void A_bad_configuration_value_names_its_key(string key, string value, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Emulator:Cell"] = "dap-half", [$"Emulator:{key}"] = value }).Build();
        var e = Assert.Throws<FormatException>(() => EmulatorHostingExtensions.FromConfiguration(config.GetSection("Emulator"), LithiumReservoirCell.ForDesign));
        Assert.Contains(expected, e.Message);
        Assert.Contains(value, e.Message);
    }
}
