using System.CommandLine;
using DapCu.Twin.Cli;
using DapCu.Twin.Cli.Commands;

// Instrument channels run the physics engine's cells.
EmulateCommand.CellFactory = DapCu.Twin.Scenarios.VirtualCellFactory.Create;

var root = new RootCommand("dapcu: digital twin of Li-metal cells (DAP-Cu vs planar Cu)");

// Scenarios: run, check, list.
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(ParamsCommand.Create());

// Cycler data: read, convert, compare with the twin, fit parameters.
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(FitCommand.Create());

// Instruments and benchmarks.
root.Subcommands.Add(EmulateCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

// The live twin: a long-running server and its client. The server shows the live dashboard at / and
// Prometheus metrics at /metrics.
ServeCommand.Plugins.Add(DashboardPlugin.Configure);
ServeCommand.Plugins.Add(EmulatorPlugin.Configure);
root.Subcommands.Add(ServeCommand.Create());
DapCu.Twin.Cli.Cluster.ClusterServe.Register(); // Cluster:Mode=Redis for serve
root.Subcommands.Add(FleetCommand.Create());

root.Options.Add(TelemetryExport.Otlp);

var parse = root.Parse(args);
using var telemetry = TelemetryExport.Start(parse);
// Ctrl-C cancels the running action's token; give it time to mark unfinished runs and stop the silo.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
