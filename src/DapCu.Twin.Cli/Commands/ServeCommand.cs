using System.CommandLine;
using DapCu.Twin.Host;

namespace DapCu.Twin.Cli.Commands;

/// <summary><c>dapcu serve [--http-port 5080] [--address 127.0.0.1] [--urls-file f] [--settings appsettings.json] [--set Key=Value]</c>:
/// the live twin: an Orleans silo and the HTTP API in one process, until Ctrl-C. Every configuration key: docs/serve.md.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--http-port") { Description = "HTTP port of the API (Serve:HttpPort, default 5080; 0: any free port, printed)" };
        var address = new Option<string?>("--address") { Description = "address the API binds to (Serve:Address, default 127.0.0.1; others need Serve:ApiToken)" };
        var urlsFile = new Option<string?>("--urls-file") { Description = "write the bound URL to this file once listening (Serve:UrlsFile)" };
        var settings = new Option<string?>("--settings") { Description = "a JSON settings file (as appsettings.json) read before environment variables" };
        var set = new Option<string[]>("--set") { Description = "a configuration key, e.g. --set Live:CheckpointInterval=00:00:05 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Run the live twin: silo + HTTP API for live fleets (see docs/serve.md)") { port, address, urlsFile, settings, set };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(port) is { } p) overrides["Serve:HttpPort"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (parse.GetValue(address) is { } a) overrides["Serve:Address"] = a;
            if (parse.GetValue(urlsFile) is { } u) overrides["Serve:UrlsFile"] = u;
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"error: --set '{pair}': expected Key=Value (e.g. Live:CellsPerShard=5000)");
                    return ExitCodes.InvalidInput;
                }
                overrides[pair[..eq]] = pair[(eq + 1)..];
            }
            try
            {
                var builder = TwinHostBuilder.Create([], overrides, parse.GetValue(settings));
                foreach (var configure in Plugins) configure(builder);
                return await builder.RunAsync(Console.Out, ct);
            }
            catch (ServeConfigurationException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    /// <summary>What other parts of the CLI add to the server before it is built (cluster mode, dashboard, emulator).</summary>
    public static List<Action<TwinHostBuilder>> Plugins { get; } = [];
}
