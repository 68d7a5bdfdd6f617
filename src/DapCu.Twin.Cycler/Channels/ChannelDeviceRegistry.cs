using System.Collections.Concurrent;
using System.Globalization;
using DapCu.Twin.Cycler.Faults;
using DapCu.Twin.Physics.Cell;

namespace DapCu.Twin.Cycler.Channels;

/// <summary>How an emulator builds its channels.</summary>
/// <param name="CellFactory">Makes a fresh virtual cell from a design name (dap-half, pl-half, dap-lfp, dap-s) or
/// a scenario file; the lead wires the physics engine in here.</param>
/// <param name="Cell">The design name or scenario file given to <paramref name="CellFactory"/>.</param>
/// <param name="ReadWithOutputOff">A 2400 refuses :READ?/:INIT with its output off (+803 "Output disabled");
/// true lets it measure the open terminals instead.</param>
/// <param name="ProceduresFolder">Where MacNet (6,2) looks up a ProcName (Maccor's C:\Maccor\Procedur): files
/// &lt;name&gt;.txt holding this project's protocol text. Null: the working directory.</param>
public sealed record EmulatorOptions(
    Func<string, IVirtualCell> CellFactory,
    string Cell,
    int Channels = 1,
    double TimeScale = 1,
    TimeProvider? Clock = null,
    IReadOnlyList<ScheduledFault>? FaultSchedule = null,
    double MaxStep_s = 1.0,
    bool ReadWithOutputOff = false,
    string? ProceduresFolder = null)
{
    public TimeProvider ClockOrSystem => Clock ?? TimeProvider.System;
}

/// <summary>Creates each channel's device once, on first use, and hands back the same one afterwards.
/// Keys are "&lt;emulator id&gt;/&lt;channel index&gt;".</summary>
public sealed class ChannelDeviceRegistry(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<int, Lazy<EmulatedChannelDevice>> _devices = new();

    public EmulatorOptions Options => options;

    public EmulatedChannelDevice GetOrCreate(string channelKey)
    {
        var slash = channelKey.LastIndexOf('/');
        if (!int.TryParse(channelKey.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw new ArgumentException($"channel key '{channelKey}' does not end in /<channel index>", nameof(channelKey));
        return Get(index);
    }

    public EmulatedChannelDevice Get(int index)
    {
        if (index < 0 || index >= options.Channels)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"channel must be 0..{options.Channels - 1}");
        return _devices.GetOrAdd(index, i => new Lazy<EmulatedChannelDevice>(() => Create(i))).Value;
    }

    private EmulatedChannelDevice Create(int index)
    {
        var clock = options.ClockOrSystem;
        var channel = new VirtualChannel(index, options.CellFactory(options.Cell), clock, options.TimeScale, options.MaxStep_s);
        foreach (var f in options.FaultSchedule ?? [])
            if (f.Channel is null || f.Channel == index) channel.Schedule(f);
        channel.Record("power", $"channel {index} on, cell '{options.Cell}', time scale {options.TimeScale.ToString(CultureInfo.InvariantCulture)}");
        return new EmulatedChannelDevice(channel, clock, options);
    }
}
