using System.Globalization;
using System.Text;
using DapCu.Twin.Protocols.Model;

namespace DapCu.Twin.Protocols.Parsing;

/// <summary>Writes a protocol back in the canonical text form (block loops, 4-space indents), for scenarios
/// saved "as run". <see cref="ProtocolText.Parse(string, string)"/> of the result gives the same protocol:
/// numbers are written shortest-round-trip, durations in the largest unit that divides them exactly.</summary>
public static class ProtocolFormatter
{
    private const string Indent = "    ";

    public static string ToText(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var text = new StringBuilder();
        if (!protocol.StopOnShort) text.Append("Stop on short: no\n");
        if (protocol.SafetyMin_V is { } min && protocol.SafetyMax_V is { } max)
            text.Append("Safety limits: ").Append(Number(min)).Append(" V to ").Append(Number(max)).Append(" V\n");
        foreach (var node in protocol.Nodes) Write(node, 0, text);
        return text.ToString();
    }

    /// <summary>One step as a single line, e.g. "Charge at 0.5 mA for 2 h or until 4.2 V".</summary>
    public static string StepToText(ProtocolStep step)
    {
        var parts = new List<string>();
        var action = step.Kind switch
        {
            StepKind.Charge => $"Charge at {Current(step.Current)}",
            StepKind.Discharge => $"Discharge at {Current(step.Current)}",
            StepKind.Hold => $"Hold at {Number(step.HoldVoltage_V ?? throw Missing(step, "hold voltage"))} V",
            _ => "Rest",
        };
        if (step.Duration_s is { } duration) parts.Add($"for {Duration(duration)}");
        if (step.Cutoffs.Count > 0) parts.Add("until " + string.Join(" or ", step.Cutoffs.Select(Cutoff)));
        return parts.Count == 0 ? action : $"{action} {string.Join(" or ", parts)}";
    }

    private static void Write(ProtocolNode node, int depth, StringBuilder text)
    {
        for (var i = 0; i < depth; i++) text.Append(Indent);
        switch (node)
        {
            case ProtocolStep step:
                text.Append(StepToText(step)).Append('\n');
                break;
            case ProtocolLoop loop:
                text.Append($"Repeat {loop.Count} {(loop.Count == 1 ? "time" : "times")}:\n");
                foreach (var child in loop.Body) Write(child, depth + 1, text);
                break;
            default:
                throw new ArgumentException($"unknown protocol node {node.GetType().Name}", nameof(node));
        }
    }

    private static string Current(CurrentSpec? current) =>
        current is not { } c ? throw new ArgumentException("a charge/discharge step without a current")
        : c.Unit switch
        {
            CurrentUnit.MilliAmpPerCm2 => $"{Number(c.Value)} mA/cm2",
            CurrentUnit.MilliAmp => $"{Number(c.Value)} mA",
            CurrentUnit.Amp => $"{Number(c.Value)} A",
            _ => $"{Number(c.Value)}C",
        };

    private static string Cutoff(Cutoff cutoff) => cutoff switch
    {
        VoltageCutoff v => $"{Number(v.Voltage_V)} V",
        CapacityCutoff c => $"{Number(c.Capacity_mAh_cm2)} mAh/cm2",
        AbsoluteCapacityCutoff c => $"{Number(c.Capacity_mAh)} mAh",
        CurrentCutoff c => Current(c.Current),
        _ => throw new ArgumentException($"unknown cutoff {cutoff.GetType().Name}", nameof(cutoff)),
    };

    private static string Duration(double seconds)
    {
        foreach (var (unit, size) in new[] { ("h", 3600.0), ("min", 60.0) })
            if (seconds % size == 0) return $"{Number(seconds / size)} {unit}";
        return $"{Number(seconds)} s";
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static ArgumentException Missing(ProtocolStep step, string what) =>
        new($"{step.Kind} step at {step.Location} has no {what}");
}
