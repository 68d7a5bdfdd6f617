using System.CommandLine;
using DapCu.Twin.Cli.Commands;

var root = new RootCommand("dapcu: digital twin of Li-metal cells (DAP-Cu vs planar Cu)");

// Scenarios: run, check, list.
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(ListCommand.Create());

// Cycler data.
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());

// Instruments (EmulateCommand) and benchmarks (BenchCommand, which mounts BenchFleet as --fleet) are added here.
root.Subcommands.Add(BenchFleet.Create());

// Ctrl-C cancels the running action's token; give it time to mark unfinished runs and stop the silo.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
