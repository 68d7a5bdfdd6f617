using System.Globalization;

namespace DapCu.Twin.Cycler.Faults;

/// <summary>What can go wrong on a channel, on purpose.</summary>
public enum FaultKind
{
    /// <summary>Dendrite through the separator: a resistance (Value, ohm) in parallel with the cell.</summary>
    InternalShort,
    /// <summary>Tab break: no current can flow, the source goes into compliance.</summary>
    OpenCircuit,
    /// <summary>Extra series resistance (Value, ohm) at the contacts; seen by 2-wire, not by 4-wire sensing.</summary>
    ContactResistance,
    /// <summary>Gaussian noise on readings: Value = sigma V, Value2 = sigma A, Seed for the generator.</summary>
    MeasurementNoise,
    /// <summary>Reading offset growing with time: Value = V per (virtual) hour.</summary>
    Drift,
    /// <summary>The server closes the client's connection once, at its next message.</summary>
    DroppedConnection,
    /// <summary>Every reply is delayed by Value milliseconds (wall clock).</summary>
    SlowResponse,
    /// <summary>Removes the fault of kind Target, or all faults when Target is null.</summary>
    Clear,
}

/// <summary>One fault. Text form (control port, schedule files): <c>short 0.5</c>, <c>open</c>, <c>contact 2.5</c>,
/// <c>noise 0.001 1e-6 42</c>, <c>drift 0.01</c>, <c>drop</c>, <c>slow 250</c>, <c>clear [kind]</c>.</summary>
public sealed record ChannelFault(FaultKind Kind, double Value = 0, double Value2 = 0, int Seed = 0, FaultKind? Target = null)
{
    private static readonly Dictionary<string, FaultKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["short"] = FaultKind.InternalShort, ["open"] = FaultKind.OpenCircuit, ["contact"] = FaultKind.ContactResistance,
        ["noise"] = FaultKind.MeasurementNoise, ["drift"] = FaultKind.Drift, ["drop"] = FaultKind.DroppedConnection,
        ["slow"] = FaultKind.SlowResponse, ["clear"] = FaultKind.Clear,
    };

    public const string UsageText =
        "short <ohm> | open | contact <ohm> | noise <sigma_V> [sigma_A] [seed] | drift <V_per_h> | drop | slow <ms> | clear [kind]";
    public static string Usage => UsageText;
    public static string NameOf(FaultKind kind) => Names.First(p => p.Value == kind).Key;

    public override string ToString() => Kind switch
    {
        FaultKind.InternalShort => $"short {Value.ToString(CultureInfo.InvariantCulture)} ohm",
        FaultKind.OpenCircuit => "open circuit",
        FaultKind.ContactResistance => $"contact resistance {Value.ToString(CultureInfo.InvariantCulture)} ohm",
        FaultKind.MeasurementNoise => $"noise {Value.ToString(CultureInfo.InvariantCulture)} V, {Value2.ToString(CultureInfo.InvariantCulture)} A, seed {Seed}",
        FaultKind.Drift => $"drift {Value.ToString(CultureInfo.InvariantCulture)} V/h",
        FaultKind.DroppedConnection => "dropped connection",
        FaultKind.SlowResponse => $"slow responses {Value.ToString(CultureInfo.InvariantCulture)} ms",
        _ => Target is { } t ? $"clear {NameOf(t)}" : "clear all",
    };

    /// <summary>Parses the text form; the error names the word that is wrong and what was expected.</summary>
    public static ChannelFault Parse(string text)
    {
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw new FormatException($"empty fault; expected {Usage}");
        if (!Names.TryGetValue(words[0], out var kind))
            throw new FormatException($"unknown fault '{words[0]}'; expected {Usage}");
        double Num(int i, string what, double? fallback = null)
        {
            if (i >= words.Length)
                return fallback ?? throw new FormatException($"fault '{words[0]}' needs {what}; expected {Usage}");
            if (!double.TryParse(words[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
                throw new FormatException($"fault '{words[0]}': '{words[i]}' is not a non-negative number ({what})");
            return v;
        }
        int maxWords = kind switch
        {
            FaultKind.OpenCircuit or FaultKind.DroppedConnection => 1,
            FaultKind.MeasurementNoise => 4,
            _ => 2,
        };
        if (words.Length > maxWords) throw new FormatException($"fault '{words[0]}': unexpected '{words[maxWords]}'; expected {Usage}");
        return kind switch
        {
            FaultKind.InternalShort => new ChannelFault(kind, Positive(Num(1, "a resistance in ohm"), words[0])),
            FaultKind.ContactResistance => new ChannelFault(kind, Num(1, "a resistance in ohm")),
            FaultKind.MeasurementNoise => new ChannelFault(kind, Num(1, "sigma in V"), Num(2, "sigma in A", 0), (int)Num(3, "a seed", 1)),
            FaultKind.Drift => new ChannelFault(kind, Num(1, "V per hour")),
            FaultKind.SlowResponse => new ChannelFault(kind, Num(1, "a delay in ms")),
            FaultKind.Clear when words.Length == 2 => Names.TryGetValue(words[1], out var t) && t != FaultKind.Clear
                ? new ChannelFault(kind, Target: t)
                : throw new FormatException($"clear: unknown fault '{words[1]}'"),
            _ => new ChannelFault(kind),
        };
    }

    private static double Positive(double v, string name) =>
        v > 0 ? v : throw new FormatException($"fault '{name}': resistance must be > 0 ohm");
}

/// <summary>A fault due at a virtual time on one channel (or all channels when Channel is null).</summary>
public sealed record ScheduledFault(double At_s, int? Channel, ChannelFault Fault);
