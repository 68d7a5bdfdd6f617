using System.Text;

namespace DapCu.Twin.Cycler.Transport;

/// <summary>Newline-terminated lines (<c>\n</c> or <c>\r\n</c>), bytes as Latin-1. A line longer than the bound is
/// discarded up to its newline and reported once as an overrun, so an endless line cannot exhaust memory.</summary>
public sealed class LineFramer(int maxLineBytes = LineFramer.DefaultMaxLineBytes) : IMessageFramer
{
    public const int DefaultMaxLineBytes = 64 * 1024;
    private readonly StringBuilder _line = new();
    private bool _discarding;

    public void Feed(ReadOnlySpan<byte> data, List<FramedMessage> messages)
    {
        while (!data.IsEmpty)
        {
            int nl = data.IndexOf((byte)'\n');
            var chunk = nl < 0 ? data : data[..nl];
            if (!_discarding)
            {
                if (_line.Length + chunk.Length > maxLineBytes) { _discarding = true; _line.Clear(); }
                else _line.Append(Encoding.Latin1.GetString(chunk));
            }
            if (nl < 0) return;
            if (_discarding) messages.Add(new FramedMessage("", Overrun: true));
            else
            {
                if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
                messages.Add(new FramedMessage(_line.ToString(), false));
            }
            _line.Clear();
            _discarding = false;
            data = data[(nl + 1)..];
        }
    }
}
