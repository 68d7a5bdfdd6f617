using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DapCu.Twin.Scenarios.Loading;

/// <summary>
/// Reads scenario and parameter files within limits, so a small hostile file cannot take the machine down:
/// only regular files, at most <see cref="MaxDocumentBytes"/>, one YAML document, nesting at most
/// <see cref="MaxDepth"/> deep, and aliases that expand to at most <see cref="MaxExpandedNodes"/> nodes
/// (a "billion laughs" file is 1 KB and expands to billions). The checks stream the YAML events, so they
/// run before anything recursive (the node tree, the protocol reader) sees the document.
/// </summary>
public static class InputLimits
{
    public const int MaxDocumentBytes = 1 << 20;
    public const int MaxDepth = 64;
    public const int MaxExpandedNodes = 100_000;

    /// <summary>Folders besides a scenario's own that its parameter files may come from (dapcu run --allow-root).</summary>
    public static IReadOnlyList<string> AllowedRoots { get; set; } = [];

    /// <summary>The text of a regular file of at most <see cref="MaxDocumentBytes"/>; a device, pipe or larger file is an error.</summary>
    public static string ReadText(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ScenarioException(path, 0, 0, "an existing file", "no such file");
        if (info.Length > MaxDocumentBytes)
            throw new ScenarioException(path, 0, 0, $"a file of at most {MaxDocumentBytes / 1024} KB", $"{info.Length / 1024} KB");
        if (path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal))
            throw new ScenarioException(path, 0, 0, "a regular file", "a device or system file");
        var buffer = new byte[MaxDocumentBytes + 1];
        int read = 0;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None))
            for (int n; read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0;) read += n;
        // A device (/dev/zero through a link) reports no size but yields data: not a regular file.
        if (read > info.Length)
            throw new ScenarioException(path, 0, 0, "a regular file", "a device or stream that yields more than its size");
        return new System.Text.UTF8Encoding(false).GetString(buffer, 0, read).TrimStart('\uFEFF');
    }

    /// <summary>Streams the YAML events and throws at the first limit crossed, with its line and column.</summary>
    public static void CheckYaml(string yaml, string file)
    {
        if (yaml.Length > MaxDocumentBytes)
            throw new ScenarioException(file, 0, 0, $"a document of at most {MaxDocumentBytes / 1024} KB", $"{yaml.Length / 1024} KB");
        var parser = new Parser(new StringReader(yaml));
        var sizes = new Stack<long>();       // nodes under each open collection, its aliases expanded
        var anchors = new Stack<string?>();
        var anchored = new Dictionary<string, long>();
        long total = 0;
        int documents = 0;
        var last = YamlDotNet.Core.Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.End;
                ScenarioException TooMany() => new(file, (int)e.Start.Line, (int)e.Start.Column,
                    $"a document of at most {MaxExpandedNodes} values once its aliases (*name) are expanded", "more");
                // Every count stays at most the limit, so even a deep alias bomb cannot overflow it.
                void Add(long nodes)
                {
                    bool nested = sizes.Count > 0;
                    long sum = (nested ? sizes.Pop() : total) + nodes;
                    if (sum > MaxExpandedNodes) throw TooMany();
                    if (nested) sizes.Push(sum); else total = sum;
                }
                switch (e)
                {
                    case DocumentStart:
                        if (++documents > 1)
                            throw new ScenarioException(file, (int)e.Start.Line, (int)e.Start.Column, "one YAML document per file", "a second document (---)");
                        break;
                    case SequenceStart or MappingStart:
                        if (sizes.Count >= MaxDepth)
                            throw new ScenarioException(file, (int)e.Start.Line, (int)e.Start.Column, $"nesting at most {MaxDepth} levels deep", "deeper");
                        sizes.Push(1);
                        anchors.Push(((NodeEvent)e).Anchor.IsEmpty ? null : ((NodeEvent)e).Anchor.Value);
                        break;
                    case SequenceEnd or MappingEnd:
                        var size = sizes.Pop();
                        if (anchors.Pop() is { } anchor) anchored[anchor] = size;
                        Add(size);
                        break;
                    case Scalar scalar:
                        if (!scalar.Anchor.IsEmpty) anchored[scalar.Anchor.Value] = 1;
                        Add(1);
                        break;
                    case AnchorAlias alias:
                        Add(anchored.GetValueOrDefault(alias.Value.Value, 1));
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            var (line, column, message) = Protocols.Parsing.YamlSyntaxError.Locate(ex, yaml);
            throw new ScenarioException(file, line, column, "well-formed YAML", message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some malformed input without a YamlException (found by the mutation test).
            throw new ScenarioException(file, (int)last.Line, (int)last.Column, "well-formed YAML", "text the YAML reader cannot scan after this point");
        }
    }

    /// <summary>An included file's full path, which must lie in the scenario's folder (or below) or under an
    /// allowed root; anything else is refused before it is opened.</summary>
    public static string? ResolveInclude(string scenarioPath, string relative)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(scenarioPath)) ?? ".";
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        var real = File.Exists(full) && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target ? target.FullName : full;
        bool Inside(string root) => real.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return Inside(folder) || AllowedRoots.Any(Inside) ? full : null;
    }
}
