using System.Net.Sockets;
using System.Text;

namespace DapCu.Twin.Cycler.Tests;

/// <summary>A minimal raw-socket client for wire tests: writes bytes, reads lines with a bounded timeout.</summary>
public sealed class LineClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = new();

    public LineClient(int port)
    {
        _tcp = new TcpClient { NoDelay = true };
        _tcp.Connect("127.0.0.1", port);
        _stream = _tcp.GetStream();
        _stream.ReadTimeout = 10_000;
    }

    public void Write(string text) => _stream.Write(Encoding.Latin1.GetBytes(text));

    /// <summary>The next line without its "\n"; null when the server closed the connection.</summary>
    public string? ReadLine(string terminator = "\n")
    {
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.Latin1.GetString(_pending.ToArray());
            int at = text.IndexOf(terminator, StringComparison.Ordinal);
            if (at >= 0)
            {
                _pending.RemoveRange(0, at + terminator.Length);
                return text[..at];
            }
            int n = _stream.Read(buffer);
            if (n == 0) return null;
            _pending.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }

    public string Ask(string line)
    {
        Write(line + "\n");
        return ReadLine() ?? throw new Xunit.Sdk.XunitException($"connection closed after '{line}'");
    }

    /// <summary>Raw bytes of the next read (to check a reply is exactly one line).</summary>
    public string ReadChunk()
    {
        var buffer = new byte[65536];
        int n = _stream.Read(buffer);
        return Encoding.Latin1.GetString(buffer, 0, n);
    }

    public bool ClosedByServer()
    {
        try { return _stream.Read(new byte[1]) == 0; }
        catch (IOException) { return true; }
    }

    /// <summary>Closes as a C or Python client's close() does (FIN after the data); .NET's Dispose alone may
    /// reset the connection, and a reset makes the server's kernel discard bytes not yet read.</summary>
    public void Dispose()
    {
        try { _tcp.Client?.Shutdown(SocketShutdown.Send); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        _tcp.Dispose();
    }
}
