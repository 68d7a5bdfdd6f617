namespace DapCu.Twin.Grains.Channels;

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
