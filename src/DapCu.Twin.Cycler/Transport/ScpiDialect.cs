using DapCu.Twin.Cycler.Channels;

namespace DapCu.Twin.Cycler.Transport;

/// <summary>
/// Raw-socket SCPI as pyvisa's <c>TCPIP::host::port::SOCKET</c> and lxi-tools speak it: one channel per port,
/// newline-terminated lines in, one <c>\n</c>-terminated reply line per line that holds a query. An over-long
/// line is discarded and reported as -363 "Input buffer overrun" in the error queue (a reply would be
/// unrequested bytes).
/// </summary>
public sealed class ScpiDialect(int maxLineBytes = LineFramer.DefaultMaxLineBytes) : IDialect
{
    /// <summary>Tells the device an over-long line was discarded. Starts with CAN, which no SCPI line may contain.</summary>
    public const string OverrunMarker = "\u0018input-overrun";

    public string Name => EmulatedChannelDevice.Scpi;
    public string Terminator => "\n";
    public IMessageFramer CreateFramer() => new LineFramer(maxLineBytes);

    public string Refusal(int port, string holder) =>
        $"ERROR: port {port} is busy: another client ({holder}) holds this channel; connection closed";

    /// <summary>Raw sockets have no device clear (that is VXI-11/HiSLIP); a line that starts with :ABORt, *RST or
    /// *CLS ends a measurement in progress instead, its reply is not sent.</summary>
    public bool Interrupts(FramedMessage message)
    {
        var t = message.Text.TrimStart();
        if (t.StartsWith(':')) t = t[1..];
        return t.StartsWith("ABOR", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("*RST", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("*CLS", StringComparison.OrdinalIgnoreCase);
    }

    public async Task<DialectReply> HandleAsync(FramedMessage message, ListenerContext context)
    {
        var channel = context.Channels[context.HomeChannel ?? 0];
        var r = await channel.ExecuteAsync(Name, message.Overrun ? OverrunMarker : message.Text);
        return new DialectReply(r.Reply, r.Busy_s + r.Delay_ms / 1000, r.Drop);
    }
}
