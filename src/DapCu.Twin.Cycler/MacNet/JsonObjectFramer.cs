using System.Text;
using DapCu.Twin.Cycler.Transport;

namespace DapCu.Twin.Cycler.MacNet;

/// <summary>
/// Cuts a stream of JSON objects sent with no terminator (pymacnet sends <c>json.dumps(msg, indent=4)</c> and
/// nothing after it) at the brace that closes each top-level object, minding strings and escapes. Stray text
/// between objects is reported as a message of its own (answered with a parse error); an object larger than
/// the bound is discarded and reported as an overrun.
/// </summary>
public sealed class JsonObjectFramer(int maxBytes = LineFramer.DefaultMaxLineBytes) : IMessageFramer
{
    private readonly StringBuilder _current = new();
    private int _depth;
    private bool _inString, _escape, _discarding;

    public void Feed(ReadOnlySpan<byte> data, List<FramedMessage> messages)
    {
        foreach (var b in data)
        {
            char c = (char)b;
            if (_depth == 0)
            {
                if (c == '{') { _depth = 1; Append(c); continue; }
                if (char.IsWhiteSpace(c))
                {
                    if (_current.Length > 0) { messages.Add(new FramedMessage(_current.ToString(), false)); _current.Clear(); }
                    continue;
                }
                Append(c);  // stray text, ends at white space or the next object
                continue;
            }
            Append(c);
            if (_inString)
            {
                if (_escape) _escape = false;
                else if (c == '\\') _escape = true;
                else if (c == '"') _inString = false;
            }
            else if (c == '"') _inString = true;
            else if (c == '{') _depth++;
            else if (c == '}' && --_depth == 0)
            {
                messages.Add(new FramedMessage(_discarding ? "" : _current.ToString(), _discarding));
                _current.Clear();
                _discarding = false;
            }
        }
        // Stray text at the end of what arrived: answer it now rather than wait for more.
        if (_depth == 0 && _current.Length > 0) { messages.Add(new FramedMessage(_current.ToString(), false)); _current.Clear(); }
    }

    private void Append(char c)
    {
        if (_discarding) return;
        if (_current.Length >= maxBytes) { _discarding = true; _current.Clear(); return; }
        _current.Append(c);
    }
}
