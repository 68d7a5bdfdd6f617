namespace DapCu.Twin.Data.Formats;

/// <summary>Where a recognised file's header is and how its records are written.</summary>
internal sealed record FileLayout(FormatSpec Spec, int HeaderIndex, FileProbe Probe, char Delimiter)
{
    /// <summary>1-based line number of the column header.</summary>
    public long HeaderLine => HeaderIndex + 1;
}

/// <summary>Recognises a cycler export from its first lines, never from the file name alone.</summary>
internal static class FormatDetector
{
    private static readonly char[] Delimiters = [',', '\t', ';', '|'];

    public static FileLayout Detect(string path, CyclerFormat? forced = null)
    {
        var probe = FileProbe.Read(path);
        if (probe.Length == 0 || probe.Lines.All(string.IsNullOrWhiteSpace))
            throw new DataFormatException(path, null, "file is empty; expected a header line naming time, current and voltage columns");

        var candidates = forced is { } f ? [FormatSpec.For(f)] : FormatSpec.All;
        foreach (var spec in candidates)
        {
            foreach (var delimiter in spec.Delimiters)
            {
                int header = spec.FindHeader(probe, delimiter);
                if (header >= 0) return new FileLayout(spec, header, probe, delimiter);
            }
        }
        foreach (var spec in candidates)
        {
            foreach (var other in Delimiters.Where(d => !spec.Delimiters.Contains(d)))
            {
                int header = spec.FindHeader(probe, other);
                if (header >= 0)
                    throw new DataFormatException(path, header + 1,
                        $"looks like {spec.Format.DisplayName()} but its fields are separated by {Name(other)}; expected {Name(spec.Delimiter)}");
            }
        }
        var firstLine = probe.Lines.First(l => !string.IsNullOrWhiteSpace(l));
        var shown = firstLine.Length > 160 ? firstLine[..160] + "..." : firstLine;
        throw new DataFormatException(path, probe.Lines.ToList().IndexOf(firstLine) + 1,
            (forced is { } ff ? $"not a {ff.DisplayName()} file" : "no known cycler format recognised from the content")
            + $": first line is '{shown}'; expected a Battery Data Format header such as 'test_time_second,voltage_volt,current_ampere' "
            + "or a BioLogic .mpt, Arbin, Maccor, Neware or Landt export with its usual column names");
    }

    public static string Name(char delimiter) => delimiter switch
    {
        ',' => "commas (',')",
        '\t' => "tabs",
        ';' => "semicolons (';')",
        '|' => "bars ('|')",
        _ => $"'{delimiter}'",
    };
}
