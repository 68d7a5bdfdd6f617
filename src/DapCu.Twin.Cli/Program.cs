using System.CommandLine;
using DapCu.Twin.Cli.Commands;

EmulateCommand.CellFactory = DapCu.Twin.Scenarios.VirtualCellFactory.Create;

var root = new RootCommand("dapcu: digital twin of Li-metal cells (DAP-Cu vs planar Cu)");
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(FitCommand.Create());
root.Subcommands.Add(EmulateCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return root.Parse(args).Invoke();
