using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DapCu.Twin.Data;
using DapCu.Twin.Data.Analysis;
using Spectre.Console;

namespace DapCu.Twin.Cli.Commands;

/// <summary>
/// dapcu inspect &lt;file&gt; [--json] [--skip-bad-rows]: recognises a cycler file and prints what it holds:
/// format, records, cycles, time span, current and voltage ranges, per-cycle capacities and CE.
/// Streams the file, so any size works.
/// </summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Cycler data file (BDF CSV, BioLogic .mpt, Arbin, Maccor, Neware, Landt)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON document instead of tables" };
        var skip = new Option<bool>("--skip-bad-rows") { Description = "Skip unreadable records and report how many" };
        var strict = new Option<bool>("--strict") { Description = "Refuse files that need repair (time stepping back, a cut last line) instead of repairing them with a warning" };
        var command = new Command("inspect", "Show what a cycler data file holds: format, records, cycles, ranges, capacities and CE");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(skip);
        command.Options.Add(strict);
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(json), new ReadOptions { SkipBadRows = parse.GetValue(skip), RejectRepairs = parse.GetValue(strict) }));
        return command;
    }

    private static int Run(FileInfo file, bool json, ReadOptions options)
    {
        try
        {
            using var reader = CyclerDataReader.Open(file.FullName, options);
            var summary = CycleSummaryBuilder.Of(reader);
            if (json) Console.Out.WriteLine(JsonSerializer.Serialize(ToJson(reader, summary), JsonOptions));
            else PrintHuman(reader, summary);
            return 0;
        }
        catch (DataFormatException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static object ToJson(CyclerDataReader reader, DataSummary s) => new
    {
        file = reader.FilePath,
        format = reader.Format.ToString(),
        formatName = reader.Format.DisplayName(),
        rows = s.Rows,
        skippedRows = reader.SkippedRows,
        skipMessages = reader.SkipMessages,
        ignoredColumns = reader.IgnoredColumns,
        warnings = reader.Warnings,
        cellName = reader.Metadata.CellName,
        area_cm2 = reader.Metadata.Area_cm2,
        activeMass_mg = reader.Metadata.ActiveMass_mg,
        capacitySource = s.CapacitySource.ToString(),
        loggingGaps = s.LoggingGaps,
        longestGap_s = s.LongestGap_s,
        impedancePoints = s.ImpedancePoints,
        frequency_Hz = s.ImpedancePoints > 0 ? new { min = s.MinFrequency_Hz, max = s.MaxFrequency_Hz } : null,
        cycleCount = s.CycleCount,
        start_s = s.Start_s,
        end_s = s.End_s,
        duration_s = s.Duration_s,
        current_A = new { min = s.MinCurrent_A, max = s.MaxCurrent_A },
        voltage_V = new { min = s.MinVoltage_V, max = s.MaxVoltage_V },
        ceReference = s.CeReference.ToString(),
        cycles = s.Cycles.Select(c => new
        {
            cycle = c.Cycle, rows = c.Rows, start_s = c.Start_s, end_s = c.End_s,
            chargeCapacity_Ah = c.ChargeCapacity_Ah, dischargeCapacity_Ah = c.DischargeCapacity_Ah,
            coulombicEfficiency = c.CoulombicEfficiency,
            loggingGaps = c.LoggingGaps,
            voltage_V = new { min = c.MinVoltage_V, max = c.MaxVoltage_V },
            current_A = new { min = c.MinCurrent_A, max = c.MaxCurrent_A },
        }),
    };

    private static void PrintHuman(CyclerDataReader reader, DataSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Console.IsOutputRedirected)
        {
            // Plain, stable text for pipes and logs.
            Console.WriteLine($"file: {reader.FilePath}");
            Console.WriteLine($"format: {reader.Format.DisplayName()}");
            Console.WriteLine($"records: {s.Rows} (skipped {reader.SkippedRows})");
            Console.WriteLine($"cycles: {s.CycleCount}");
            foreach (var line in Facts(reader, s)) Console.WriteLine($"{line.Key}: {line.Value}");
            Console.WriteLine(string.Create(inv, $"time: {s.Start_s} .. {s.End_s} s ({s.Duration_s / 3600:F3} h)"));
            Console.WriteLine(string.Create(inv, $"current: {s.MinCurrent_A:G6} .. {s.MaxCurrent_A:G6} A"));
            Console.WriteLine(string.Create(inv, $"voltage: {s.MinVoltage_V:G6} .. {s.MaxVoltage_V:G6} V"));
            Console.WriteLine($"cycle\tcharge_mAh\tdischarge_mAh\tCE ({CeLabel(s.CeReference)})\tgaps");
            foreach (var c in s.Cycles)
                Console.WriteLine(string.Create(inv, $"{c.Cycle}\t{c.ChargeCapacity_Ah * 1e3:F4}\t{c.DischargeCapacity_Ah * 1e3:F4}\t{Ce(c)}\t{c.LoggingGaps}"));
            foreach (var m in reader.SkipMessages) Console.WriteLine($"skipped: {m}");
            foreach (var w in reader.Warnings) Console.WriteLine($"warning: {w}");
            return;
        }
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("[bold]file[/]", Markup.Escape(reader.FilePath));
        facts.AddRow("[bold]format[/]", Markup.Escape(reader.Format.DisplayName()));
        facts.AddRow("[bold]records[/]", reader.SkippedRows > 0 ? $"{s.Rows:N0} [yellow](skipped {reader.SkippedRows:N0})[/]" : $"{s.Rows:N0}");
        facts.AddRow("[bold]cycles[/]", s.CycleCount.ToString(inv));
        foreach (var line in Facts(reader, s)) facts.AddRow($"[bold]{line.Key}[/]", Markup.Escape(line.Value));
        facts.AddRow("[bold]time[/]", string.Create(inv, $"{s.Start_s:G6} .. {s.End_s:G6} s ({s.Duration_s / 3600:F2} h)"));
        facts.AddRow("[bold]current[/]", string.Create(inv, $"{s.MinCurrent_A * 1e3:G5} .. {s.MaxCurrent_A * 1e3:G5} mA"));
        facts.AddRow("[bold]voltage[/]", string.Create(inv, $"{s.MinVoltage_V:G5} .. {s.MaxVoltage_V:G5} V"));
        AnsiConsole.Write(facts);
        var table = new Table().AddColumn("cycle").AddColumn("records").AddColumn("charge mAh").AddColumn("discharge mAh").AddColumn($"CE ({CeLabel(s.CeReference)})").AddColumn("gaps");
        foreach (var c in s.Cycles)
            table.AddRow(c.Cycle.ToString(inv), c.Rows.ToString("N0", inv), (c.ChargeCapacity_Ah * 1e3).ToString("F4", inv),
                (c.DischargeCapacity_Ah * 1e3).ToString("F4", inv), Ce(c), c.LoggingGaps > 0 ? $"[yellow]{c.LoggingGaps} (incomplete)[/]" : "0");
        AnsiConsole.Write(table);
        foreach (var m in reader.SkipMessages) AnsiConsole.MarkupLine($"[yellow]skipped:[/] {Markup.Escape(m)}");
        foreach (var w in reader.Warnings) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
    }

    /// <summary>Header metadata, where capacities come from, logging gaps and impedance data, when the file has them.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Facts(CyclerDataReader reader, DataSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        var m = reader.Metadata;
        if (m.CellName is { } name) yield return new("cell", name);
        if (m.Area_cm2 is { } area) yield return new("electrode area", string.Create(inv, $"{area:G6} cm2 (from the file header)"));
        if (m.ActiveMass_mg is { } mass) yield return new("active mass", string.Create(inv, $"{mass:G6} mg (from the file header)"));
        yield return new("capacity from", s.CapacitySource switch
        {
            CapacitySource.ChargeDischargeCounters => "the instrument's charge/discharge capacity counters",
            CapacitySource.StepCounter => "the instrument's step capacity counter, by step type",
            _ => "integrated current",
        });
        if (s.LoggingGaps > 0)
            yield return new("logging gaps", string.Create(inv, $"{s.LoggingGaps}, longest {s.LongestGap_s:G4} s (current not integrated across them)"));
        if (reader.TimeRepairs > 0) yield return new("time repairs", string.Create(inv, $"{reader.TimeRepairs} (test time stepped back; see warnings)"));
        if (s.ImpedancePoints > 0)
            yield return new("impedance", string.Create(inv, $"{s.ImpedancePoints} points, {s.MinFrequency_Hz:G4} .. {s.MaxFrequency_Hz:G4} Hz (frequency, Re Z, -Im Z)"));
    }

    private static string CeLabel(CeReference reference) =>
        reference == CeReference.ChargeFirst ? "discharge/charge" : "charge/discharge";

    private static string Ce(CycleStats c) =>
        c.CoulombicEfficiency is { } ce ? (ce * 100).ToString("F2", CultureInfo.InvariantCulture) + " %" : "-";
}
