using YamlDotNet.Core;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>Where a YAML syntax error really is. YamlDotNet marks the construct it was scanning (the
/// enclosing mapping, possibly the document start 1:1), not the offending token; for tabs, the one error
/// people make most, the tab itself is found in the text and reported.</summary>
public static class YamlSyntaxError
{
    public static (int Line, int Column, string Message) Locate(YamlException e, string? text)
    {
        var best = e;
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is YamlException y && y.Start.Line > 0) best = y;
        var message = StripMark(best.InnerException?.Message ?? best.Message);
        if (message.Contains(" tab", StringComparison.OrdinalIgnoreCase) && text is not null
            && FirstTab(text, (int)best.Start.Index) is { } tab)
            return (tab.Line, tab.Column, message + " (YAML indents with spaces, not tabs)");
        return ((int)best.Start.Line, (int)best.Start.Column, message);
    }

    /// <summary>The first tab at or after the given character index, with its 1-based line and column.</summary>
    private static (int Line, int Column)? FirstTab(string text, int from)
    {
        var index = text.IndexOf('\t', Math.Clamp(from, 0, text.Length));
        if (index < 0) return null;
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: 6, Col: 1, Idx: 40) - (Line: ...): "; the caller
    /// already names the position.</summary>
    private static string StripMark(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
    }
}
