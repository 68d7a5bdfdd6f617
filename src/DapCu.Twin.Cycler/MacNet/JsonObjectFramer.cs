using System.Text;
using DapCu.Twin.Cycler.Transport;

namespace DapCu.Twin.Cycler.MacNet;

/// <summary>
/// Cuts a stream of JSON objects sent with no terminator (pymacnet sends <c>json.dumps(msg, indent=4)</c> and
/// nothing after it) at the brace that closes each top-level object, minding strings and escapes. Malformed input
/// still ends a message, so it gets its error reply and the stream goes on: a raw newline ends an unclosed string
/// (JSON strings cannot hold one), a '{' at the start of a line while an object is open starts a new message
/// (pretty-printed objects indent their inner braces), and the listener flushes an object left open when the
/// client goes quiet. Stray text between objects is a message of its own; an object larger than the bound is
/// discarded and reported as an overrun.
/// </summary>
public sealed class JsonObjectFramer(int maxBytes = LineFramer.DefaultMaxLineBytes) : IMessageFramer
{
    private readonly StringBuilder _current = new();
    private int _depth;
    private bool _inString, _escape, _discarding, _lineStart = true;

    public bool HasPartial => _depth > 0 || _current.Length > 0;

    public void Flush(List<FramedMessage> messages)
    {
        if (!HasPartial) return;
        Emit(messages);
    }

    public void Feed(ReadOnlySpan<byte> data, List<FramedMessage> messages)
    {
        foreach (var b in data)
        {
            char c = (char)b;
            bool lineStart = _lineStart;
            _lineStart = c == '\n';
            if (_depth == 0)
            {
                if (c == '{')
                {
                    if (_current.Length > 0) Emit(messages);   // stray text before the object
                    _depth = 1; Append(c); continue;
                }
                if (char.IsWhiteSpace(c))
                {
                    if (_current.Length > 0) Emit(messages);
                    continue;
                }
                Append(c);  // stray text, ends at white space or the next object
                continue;
            }
            if (c == '{' && lineStart && !_inString)
            {
                Emit(messages);      // the open object never closed: it is answered, this one starts afresh
                _depth = 1; Append(c); continue;
            }
            Append(c);
            if (_inString)
            {
                if (_escape) _escape = false;
                else if (c == '\\') _escape = true;
                else if (c == '"' || c == '\n') _inString = false;
            }
            else if (c == '"') _inString = true;
            else if (c == '{') _depth++;
            else if (c == '}' && --_depth == 0) Emit(messages);
        }
        // Stray text at the end of what arrived: answer it now rather than wait for more.
        if (_depth == 0 && _current.Length > 0) Emit(messages);
    }

    private void Emit(List<FramedMessage> messages)
    {
        messages.Add(new FramedMessage(_discarding ? "" : _current.ToString(), _discarding));
        _current.Clear();
        _discarding = false;
        _depth = 0;
        _inString = _escape = false;
    }

    private void Append(char c)
    {
        if (_discarding) return;
        if (_current.Length >= maxBytes) { _discarding = true; _current.Clear(); return; }
        _current.Append(c);
    }
}
