using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace DapCu.Twin.Cli;

/// <summary>How a command talks: rich (tables, progress bars) on a terminal, plain when piped, JSON with --json.</summary>
public sealed class Terminal(bool json)
{
    public bool Json { get; } = json;

    /// <summary>Progress bars and colours only for a person at a terminal.</summary>
    public bool Interactive => !Json && !Console.IsOutputRedirected;

    /// <summary>Errors go to stderr, so stdout stays clean for --json and pipes.</summary>
    public void Error(string message)
    {
        if (Console.IsErrorRedirected) Console.Error.WriteLine("error: " + message);
        else StandardError.Value.MarkupLine("[red]error:[/] " + Markup.Escape(message));
    }

    /// <summary>Warnings (e.g. a GB-scale output ahead) go to stderr too, before the work starts.</summary>
    public void Warning(string message)
    {
        if (Console.IsErrorRedirected) Console.Error.WriteLine("warning: " + message);
        else StandardError.Value.MarkupLine("[yellow]warning:[/] " + Markup.Escape(message));
    }

    public void Line(string text)
    {
        if (Json) return;
        if (Interactive) AnsiConsole.MarkupLine(text);
        else Console.WriteLine(Markup.Remove(text));
    }

    public static void WriteJson(JsonNode node) =>
        Console.WriteLine(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static readonly Lazy<IAnsiConsole> StandardError =
        new(() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));
}
