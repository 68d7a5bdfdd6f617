namespace DapCu.Twin.Cycler.Grains;

/// <summary>A channel's answer to one wire message: the reply text (null = send nothing), how long the instrument
/// was busy (integration, trigger delays; wall-clock s), an injected extra delay, and whether an injected fault
/// wants the connection dropped.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelReply(
    [property: Id(0)] string? Reply,
    [property: Id(1)] double Busy_s,
    [property: Id(2)] double Delay_ms,
    [property: Id(3)] bool Drop);

/// <summary>One entry of a channel's event log.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelLogLine(
    [property: Id(0)] double Time_s,
    [property: Id(1)] DateTimeOffset WallTime,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Detail);

/// <summary>One client message and what the channel answered (null: no reply), for a dashboard.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelCommand(
    [property: Id(0)] double Time_s,
    [property: Id(1)] string Dialect,
    [property: Id(2)] string Message,
    [property: Id(3)] string? Reply);

/// <summary>The read model of one channel: its last reading, the last client commands (oldest first) and the
/// faults in force, in their text form ("short 0.5 ohm").</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelView(
    [property: Id(0)] int Channel,
    [property: Id(1)] double Time_s,
    [property: Id(2)] double Voltage_V,
    [property: Id(3)] double Current_A,
    [property: Id(4)] bool OutputOn,
    [property: Id(5)] bool InCompliance,
    [property: Id(6)] ChannelCommand[] LastCommands,
    [property: Id(7)] string[] ActiveFaults);
