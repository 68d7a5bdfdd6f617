namespace DapCu.Twin.Cycler.Transport;

/// <summary>A complete message cut from the byte stream; Overrun = it exceeded the input bound and was discarded.</summary>
public readonly record struct FramedMessage(string Text, bool Overrun);

/// <summary>Cuts a byte stream into messages (lines, JSON objects, fixed-size records).</summary>
public interface IMessageFramer
{
    void Feed(ReadOnlySpan<byte> data, List<FramedMessage> messages);
    /// <summary>True while part of a message is held back waiting for its end.</summary>
    bool HasPartial => false;
    /// <summary>The client went quiet in the middle of a message: hand over what there is (it will not parse).</summary>
    void Flush(List<FramedMessage> messages) { }
}

/// <summary>What to send back for one message; Wait_s is spent before the reply goes out.</summary>
public readonly record struct DialectReply(string? Reply, double Wait_s, bool Drop)
{
    public static readonly DialectReply None = new(null, 0, false);
}

/// <summary>What a listener offers a dialect: all channels, and the one this port belongs to (null: all).</summary>
public sealed record ListenerContext(IReadOnlyList<IChannelEndpoint> Channels, int? HomeChannel);

/// <summary>
/// A wire protocol: how messages are framed, and how each maps onto channel operations. Pluggable: the listener
/// knows nothing of SCPI or JSON.
/// </summary>
public interface IDialect
{
    string Name { get; }
    IMessageFramer CreateFramer();
    /// <summary>Appended to every reply (SCPI "\n", MacNet "\r\n").</summary>
    string Terminator { get; }
    /// <summary>Sent (with the terminator) to a client that connects while another holds the port.</summary>
    string Refusal(int port, string holder);
    Task<DialectReply> HandleAsync(FramedMessage message, ListenerContext context);
    /// <summary>One client per port (an instrument's socket) or any number (a server such as MacNet).</summary>
    bool Exclusive => true;
    /// <summary>How long a half-received message may wait for the rest before it is answered as malformed
    /// (null: forever, e.g. lines).</summary>
    TimeSpan? IdleFlush => null;
    /// <summary>A message that ends the instrument's current measurement at once (a device clear): the reply the
    /// client was waiting for is dropped, then the message runs.</summary>
    bool Interrupts(FramedMessage message) => false;
}
