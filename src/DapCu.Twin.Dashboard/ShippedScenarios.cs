using DapCu.Twin.Dashboard.Live;
using DapCu.Twin.Scenarios;

namespace DapCu.Twin.Dashboard;

/// <summary>The shipped scenarios a fleet can start from: every scenario under scenarios/ that declares a fleet.</summary>
internal static class ShippedScenarios
{
    public static IReadOnlyList<object> Fleets(string? folder)
    {
        if (folder is null || !Directory.Exists(folder)) return [];
        var list = new List<object>();
        foreach (var f in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                var s = ScenarioLoader.Load(f);
                if (s.FleetNode is not null)
                    list.Add(new { name = s.Name, file = Path.GetRelativePath(folder, f), description = s.Description });
            }
            catch (ScenarioException) { } // `dapcu validate` reports broken files; the picker just omits them
        }
        return list;
    }

    /// <summary>The text of a shipped scenario named by its path under scenarios/ or its name.</summary>
    public static (string Yaml, string Path) Read(string? folder, string name)
    {
        if (folder is null) throw new DashboardInputException("scenario: this server has no shipped scenarios folder; upload the file instead");
        var root = System.IO.Path.GetFullPath(folder);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, name));
        if (!path.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            throw new DashboardInputException($"scenario: '{name}' is not a shipped scenario file under scenarios/ (see /dashboard/api/scenarios)");
        return (File.ReadAllText(path), path);
    }
}
