using System.Reflection;

namespace DapCu.Twin.Grains.Hosting;

/// <summary>
/// The configuration keys an options class bound from a section reads (<c>Cluster:Membership:ProbeTimeout</c>),
/// found the way the configuration binder finds them: public settable properties, nested classes as sub-sections.
/// Deploy files are checked against these, so a key that nothing reads is caught.
/// </summary>
public static class ConfigurationKeys
{
    public static IEnumerable<string> Of(string section, Type options)
    {
        foreach (var p in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.SetMethod is not { IsPublic: true } && !IsSection(p.PropertyType)) continue;
            var key = $"{section}:{p.Name}";
            if (IsSection(p.PropertyType))
                foreach (var sub in Of(key, p.PropertyType)) yield return sub;
            else
                yield return key;
        }
    }

    /// <summary>A property bound as a sub-section rather than a single value.</summary>
    private static bool IsSection(Type t) =>
        t.IsClass && t != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(t);

    /// <summary>The configuration key an environment variable sets (<c>Cluster__Mode</c> → <c>Cluster:Mode</c>).</summary>
    public static string FromEnvironmentVariable(string name) => name.Replace("__", ":", StringComparison.Ordinal);
}
