using System.CommandLine;
using DapCu.Twin.Cli.Commands;

var root = new RootCommand("dapcu: digital twin of Li-metal cells on dynamic adaptive porous Cu (DAP-Cu) vs planar Cu");

// Scenarios: run, check, list (issue 4).
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(ListCommand.Create());

// Data and instruments: InspectCommand, ConvertCommand, EmulateCommand are added here.
// Benchmarks: BenchCommand is added here.

// Ctrl-C cancels the running action's token; give it time to mark unfinished runs and stop the silo.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
