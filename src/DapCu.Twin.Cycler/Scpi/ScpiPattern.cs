namespace DapCu.Twin.Cycler.Scpi;

/// <summary>
/// A command header as a manual writes it, e.g. <c>[:SENSe[1]]:VOLTage[:DC]:PROTection[:LEVel]</c>:
/// upper-case letters are the short form, <c>[...]</c> marks an optional node, a trailing <c>[1]</c> an optional
/// numeric suffix and a trailing digit (<c>CALCulate3</c>) a required one.
/// </summary>
public sealed class ScpiPattern
{
    private readonly record struct Node(string LongForm, string ShortForm, bool Optional, int? Suffix, bool SuffixOptional);

    private readonly Node[] _nodes;
    public string Text { get; }

    public ScpiPattern(string text)
    {
        Text = text;
        var nodes = new List<Node>();
        int i = 0;
        while (i < text.Length)
        {
            bool optional = false;
            if (text[i] == '[') { optional = true; i++; }
            if (i < text.Length && text[i] == ':') i++;
            int start = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            var name = text[start..i];
            int? suffix = null;
            bool suffixOptional = false;
            if (i < text.Length && text[i] == '[' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 1]) && text[i + 2] == ']')
            {
                suffix = text[i + 1] - '0'; suffixOptional = true; i += 3;
            }
            else if (i < text.Length && char.IsAsciiDigit(text[i])) { suffix = text[i] - '0'; i++; }
            if (optional)
            {
                if (i >= text.Length || text[i] != ']') throw new ArgumentException($"unbalanced [ in pattern {text}");
                i++;
            }
            if (name.Length == 0) throw new ArgumentException($"empty node in pattern {text}");
            nodes.Add(new Node(name.ToUpperInvariant(), ScpiMnemonic.ShortForm(name), optional, suffix, suffixOptional));
        }
        _nodes = [.. nodes];
    }

    public bool Matches(IReadOnlyList<ScpiHeaderNode> path) => Match(path, 0, 0);

    private bool Match(IReadOnlyList<ScpiHeaderNode> path, int p, int n)
    {
        if (n == _nodes.Length) return p == path.Count;
        var node = _nodes[n];
        if (p < path.Count && NodeMatches(node, path[p]) && Match(path, p + 1, n + 1)) return true;
        return node.Optional && Match(path, p, n + 1);
    }

    private static bool NodeMatches(Node node, ScpiHeaderNode written)
    {
        if (written.Mnemonic != node.LongForm && written.Mnemonic != node.ShortForm) return false;
        if (written.Suffix is null) return node.Suffix is null || node.SuffixOptional;
        return node.Suffix == written.Suffix;
    }

    public override string ToString() => Text;
}
