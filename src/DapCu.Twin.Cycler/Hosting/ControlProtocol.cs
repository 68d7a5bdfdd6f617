using System.Globalization;
using System.Text.Json;
using DapCu.Twin.Cycler.Transport;

namespace DapCu.Twin.Cycler.Hosting;

/// <summary>
/// The emulator's control port: one text line in, one line out (same framing as SCPI).
/// <code>
/// fault &lt;channel|*&gt; &lt;fault&gt;   e.g. "fault 3 short 0.5", "fault * noise 0.001 0 7", "fault 0 clear"
/// log &lt;channel&gt;               the channel's event log as a JSON array on one line
/// channels                      number of channels
/// help
/// </code>
/// Replies start with "OK " or "ERROR ".
/// </summary>
public sealed class ControlProtocol : IDialect
{
    public string Name => "control";
    public string Terminator => "\n";
    public IMessageFramer CreateFramer() => new LineFramer();
    public bool Exclusive => false;
    public string Refusal(int port, string holder) => $"ERROR control port {port} is busy ({holder})";

    public const string Help = "OK commands: fault <channel|*> <fault>; log <channel>; channels; help. Faults: " + Faults.ChannelFault.UsageText;

    public async Task<DialectReply> HandleAsync(FramedMessage message, ListenerContext context)
    {
        if (message.Overrun) return Say("ERROR line too long");
        var words = message.Text.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return Say("ERROR empty command; try 'help'");
        try
        {
            switch (words[0].ToLowerInvariant())
            {
                case "help": return Say(Help);
                case "channels": return Say($"OK {context.Channels.Count}");
                case "log" when words.Length == 2:
                    var log = await context.Channels[Channel(words[1], context)].GetLogAsync();
                    return Say("OK " + JsonSerializer.Serialize(log));
                case "fault" when words.Length == 3:
                    var targets = words[1] == "*" ? Enumerable.Range(0, context.Channels.Count) : [Channel(words[1], context)];
                    string applied = "";
                    foreach (var ch in targets) applied = await context.Channels[ch].InjectFaultAsync(words[2]);
                    return Say($"OK {applied} on channel {words[1]}");
                default: return Say($"ERROR unknown command '{message.Text.Trim()}'; try 'help'");
            }
        }
        catch (FormatException e) { return Say($"ERROR {e.Message}"); }
    }

    private static int Channel(string word, ListenerContext context) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var ch) && ch < context.Channels.Count
            ? ch
            : throw new FormatException($"channel '{word}' does not exist (0..{context.Channels.Count - 1})");

    private static DialectReply Say(string text) => new(text.Replace('\n', ' '), 0, false);
}
