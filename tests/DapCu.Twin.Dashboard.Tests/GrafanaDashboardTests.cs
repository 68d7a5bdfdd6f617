using System.Text.Json;
using System.Text.RegularExpressions;

namespace DapCu.Twin.Dashboard.Tests;

/// <summary>dashboards/*.json: each a Grafana dashboard the compose file can provision, querying only metrics a
/// running <c>dapcu serve</c> exports (read from its real /metrics while a live fleet runs).</summary>
[Collection(LiveServeCollection.Name)]
public sealed partial class GrafanaDashboardTests(LiveServeFixture live)
{
    private static string Folder => Path.Combine(ServeProcess.RepoRoot, "dashboards");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void The_three_dashboards_ship_with_distinct_uids()
    {
        var uids = Directory.EnumerateFiles(Folder, "*.json").Select(f => Load(f).GetProperty("uid").GetString()).ToArray();
        Assert.Equal(3, uids.Length);
        Assert.Equal(uids.Length, uids.Distinct().Count());
    }

    [Theory, MemberData(nameof(Files))]
    public void Each_file_is_a_grafana_dashboard_on_the_provisioned_prometheus(string file)
    {
        var d = Load(Path.Combine(Folder, file));
        Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("title").GetString()), $"{file}: title");
        Assert.True(d.GetProperty("schemaVersion").GetInt32() >= 30, $"{file}: schemaVersion");
        var panels = d.GetProperty("panels").EnumerateArray().ToArray();
        Assert.NotEmpty(panels);
        Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var p in panels)
        {
            var title = p.GetProperty("title").GetString();
            Assert.Contains(p.GetProperty("type").GetString(), new[] { "timeseries", "stat", "heatmap", "gauge", "table", "bargauge" });
            var grid = p.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24); // Grafana's 24-column grid
            // deploy/grafana provisions Prometheus with uid "prometheus".
            Assert.Equal("prometheus", p.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = p.GetProperty("targets").EnumerateArray().ToArray();
            Assert.True(targets.Length > 0, $"{file}: panel '{title}' has no query");
            foreach (var t in targets) Assert.NotEmpty(MetricNames(t.GetProperty("expr").GetString()!));
        }
    }

    [Fact]
    public async Task Every_metric_a_dashboard_queries_is_exported_by_a_running_serve()
    {
        // Histograms and counters appear once something was recorded: let cycles complete and a client talk to a
        // channel (a query, an unknown command, the error it queued) first.
        await live.WaitForFleetAsync(m => m.GetProperty("fleet").GetProperty("completedCycles").GetInt64() > 0);
        var replies = await live.TalkToChannelAsync();
        Assert.StartsWith("KEITHLEY INSTRUMENTS INC.,MODEL 2400", replies[0]);
        Assert.StartsWith("-113", replies[1]); // SCPI -113 "Undefined header"
        var exported = (await live.Http.GetStringAsync("metrics")).Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0]).ToHashSet();
        var missing = Directory.EnumerateFiles(Folder, "*.json")
            .SelectMany(f => Queries(Load(f)).SelectMany(MetricNames).Select(m => (File: Path.GetFileName(f), Metric: m)))
            .Where(x => !exported.Contains(x.Metric)).Distinct().ToArray();
        Assert.True(missing.Length == 0, "queried but not exported: " + string.Join(", ", missing.Select(m => $"{m.Metric} ({m.File})"))
            + "\nexported: " + string.Join(" ", exported.Order()));
    }

    private static JsonElement Load(string path)
    {
        try { return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone(); }
        catch (JsonException e) { throw new Xunit.Sdk.XunitException($"{path}: not JSON: {e.Message}"); }
    }

    private static IEnumerable<string> Queries(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!);

    /// <summary>The series names in a PromQL expression: the twin's (dapcu_) and Orleans' (orleans_), leaving out
    /// label names (inside by (...) and {...}).</summary>
    private static IEnumerable<string> MetricNames(string expr) =>
        Metric().Matches(Labels().Replace(expr, " ")).Select(m => m.Value);

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)|\{[^}]*\}")]
    private static partial Regex Labels();

    [GeneratedRegex(@"\b(dapcu|orleans)_[a-z0-9_]+")]
    private static partial Regex Metric();
}
