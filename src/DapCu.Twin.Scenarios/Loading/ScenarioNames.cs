using System.Text;
using DapCu.Twin.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace DapCu.Twin.Scenarios.Loading;

/// <summary>
/// A scenario's name is the folder its run writes (runs/&lt;name&gt;/), so it is checked before anything runs:
/// letters, digits, '-', '_' and '.', not starting with '.', at most <see cref="MaxLength"/> characters. A
/// file without 'name:' takes its file name, with every other character turned into '-'.
/// </summary>
public static class ScenarioNames
{
    public const int MaxLength = 100;

    public static string Read(YamlNodeReader y, YamlMappingNode root, string file)
    {
        if (YamlNodeReader.FindIgnoringCase(root, "name") is { } node)
        {
            var name = y.Text(node, "name");
            return IsUsable(name) ? name
                : throw y.ErrorFound(node, $"a name usable as a folder: letters, digits, '-', '_', '.', not starting with '.', at most {MaxLength} characters");
        }
        var derived = FromFileName(file);
        return IsUsable(derived) ? derived
            : throw new ScenarioException(file, 1, 1, "a 'name:' key (the file name gives no usable folder name)", "none");
    }

    public static bool IsUsable(string name) =>
        name.Length is > 0 and <= MaxLength && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>"my run (2).yaml" → "my-run--2-".</summary>
    public static string FromFileName(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var name = new StringBuilder(stem.Length);
        foreach (var c in stem) name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        var text = name.ToString().TrimStart('.');
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }
}
