namespace CourseComments.Delivery;

/// <summary>What a subscription yields: a message, a gap, or a heartbeat.</summary>
public abstract record TopicEvent;

/// <summary>One published message. <paramref name="TokenId"/> is the publisher's disposable-token id (null when its
/// token had none); the value is <paramref name="Text"/> or, for a binary publish, <paramref name="Binary"/>.</summary>
public sealed record TopicItem(TopicPosition Position, string? TokenId, string? Text, byte[]? Binary = null)
    : TopicEvent;

/// <summary>Momento skipped messages for this subscriber (slow consumer, network, rate limits) or reset the topic:
/// every number after <paramref name="LastKnownNumber"/> and before <paramref name="Next"/>'s number is lost
/// here.</summary>
public sealed record TopicDiscontinuity(ulong LastKnownNumber, TopicPosition Next) : TopicEvent;

/// <summary>The stream is alive; carries nothing.</summary>
public sealed record TopicHeartbeat : TopicEvent
{
    public static readonly TopicHeartbeat Instance = new();
}
