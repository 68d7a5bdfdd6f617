using System.Globalization;

namespace DapCu.Twin.Cycler.Faults;

/// <summary>A fault schedule: one fault per line, <c>&lt;virtual time s&gt; &lt;channel|*&gt; &lt;fault&gt;</c>, e.g.
/// <c>3600 2 short 0.5</c>; blank lines and '#' comments are ignored.</summary>
public static class FaultScheduleFile
{
    public static List<ScheduledFault> Read(string path) => Parse(File.ReadAllLines(path), path);

    public static List<ScheduledFault> Parse(IEnumerable<string> lines, string source)
    {
        var result = new List<ScheduledFault>();
        int n = 0;
        foreach (var raw in lines)
        {
            n++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var words = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 3) throw new FormatException($"{source}, line {n}: expected '<time_s> <channel|*> <fault>', got '{line}'");
            if (!double.TryParse(words[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var at) || !(at >= 0))
                throw new FormatException($"{source}, line {n}, column 1: '{words[0]}' is not a time in seconds >= 0");
            int? channel = null;
            if (words[1] != "*")
            {
                if (!int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ch))
                    throw new FormatException($"{source}, line {n}: '{words[1]}' is not a channel number or '*'");
                channel = ch;
            }
            try { result.Add(new ScheduledFault(at, channel, ChannelFault.Parse(words[2]))); }
            catch (FormatException e) { throw new FormatException($"{source}, line {n}: {e.Message}", e); }
        }
        return result;
    }
}
