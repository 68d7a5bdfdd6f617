using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DapCu.Twin.Scenarios.Fleets;

/// <summary>
/// A finished shard of a fleet on disk, so an interrupted large fleet resumes from its last shard instead of
/// restarting. Histogram counts are stored sparse (bin, count): most bins of most cycles are empty. A file
/// written for other bins (another nominal run, other inputs) is not used.
/// </summary>
public static class FleetCheckpoint
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string path, FleetStatistics s)
    {
        var doc = new JsonObject
        {
            ["bins"] = JsonSerializer.SerializeToNode(s.Bins, Options),
            ["cells"] = s.Cells,
            ["shorts"] = s.Shorts,
            ["worn_out"] = s.WornOut,
            ["capacity"] = new JsonArray(s.CapacityByCycle.Select(Histogram).ToArray()),
            ["ce"] = new JsonArray(s.CeByCycle.Select(Histogram).ToArray()),
            ["short_time_h"] = Histogram(s.ShortTime_h),
            ["cycles_to_end_of_life"] = Histogram(s.CyclesToEndOfLife),
        };
        var temp = path + ".tmp";
        File.WriteAllText(temp, doc.ToJsonString(Options), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The shard's statistics, or null when there is no usable checkpoint for these bins.</summary>
    public static FleetStatistics? TryRead(string path, FleetBins bins)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var doc = JsonNode.Parse(File.ReadAllText(path))!;
            if (doc["bins"].Deserialize<FleetBins>(Options) != bins) return null;
            var template = new FleetStatistics(bins);
            FixedHistogram[] Many(string key, FixedHistogram[] like) =>
                doc[key]!.AsArray().Select((h, i) => ReadHistogram(h!, like[i])).ToArray();
            var capacity = Many("capacity", template.CapacityByCycle);
            var ce = Many("ce", template.CeByCycle);
            if (capacity.Length != bins.Slots || ce.Length != bins.Slots) return null;
            return new FleetStatistics(bins, doc["cells"]!.GetValue<long>(), doc["shorts"]!.GetValue<long>(), doc["worn_out"]!.GetValue<long>(),
                capacity, ce, ReadHistogram(doc["short_time_h"]!, template.ShortTime_h), ReadHistogram(doc["cycles_to_end_of_life"]!, template.CyclesToEndOfLife));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException or ArgumentException)
        {
            return null; // a torn or foreign file is recomputed, not trusted
        }
    }

    private static JsonNode Histogram(FixedHistogram h) => new JsonObject
    {
        ["sum"] = h.Sum,
        ["sum_sq"] = h.SumOfSquares,
        ["counts"] = new JsonArray(h.Counts.Select((c, i) => (c, i)).Where(x => x.c != 0)
            .Select(x => (JsonNode)new JsonArray(x.i, x.c)).ToArray()),
    };

    private static FixedHistogram ReadHistogram(JsonNode node, FixedHistogram like)
    {
        var counts = new long[like.Counts.Length];
        foreach (var pair in node["counts"]!.AsArray()) counts[pair![0]!.GetValue<int>()] = pair[1]!.GetValue<long>();
        return new FixedHistogram(like.Min, like.Max, counts, node["sum"]!.GetValue<double>(), node["sum_sq"]!.GetValue<double>());
    }
}
