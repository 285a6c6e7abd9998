namespace CourseComments.Delivery;

/// <summary>
/// A place in a topic's stream. Momento numbers a topic's messages 1, 2, 3... within a sequence page; a topic reset
/// starts a new, larger page, so (page, number) names one message for every subscriber (Momento's
/// <c>cachepubsub.proto</c>, <c>_TopicItem</c>).
/// </summary>
public readonly record struct TopicPosition(ulong Page, ulong Number)
{
    public override string ToString() => $"{Page}/{Number}";
}

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

/// <summary>
/// The topic subscription port: Momento.Sdk's <c>TopicClient</c> in production and against the emulator. It makes
/// one attempt and never resubscribes by itself; <see cref="TopicRelay"/> owns resuming, backoff and de-duplication.
/// </summary>
public interface ITopicSubscriber
{
    /// <summary>Opens a subscription; returns once the service has accepted it (Momento's first heartbeat).</summary>
    /// <param name="resumeAt">The next position wanted (last received number + 1), or null for the newest
    /// messages.</param>
    /// <param name="cancellationToken">Ends the subscription too, whenever it is cancelled.</param>
    /// <exception cref="TopicSubscriptionException">The subscription was refused or could not be opened.</exception>
    Task<ITopicSubscription> SubscribeAsync(
        string cacheName, string topicName, TopicPosition? resumeAt, CancellationToken cancellationToken);
}

/// <summary>One open subscription; disposing it unsubscribes.</summary>
public interface ITopicSubscription : IDisposable
{
    /// <summary>The next event, or null once the stream has ended (cleanly, or by the subscribe call's
    /// token).</summary>
    /// <exception cref="TopicSubscriptionException">The stream failed.</exception>
    ValueTask<TopicEvent?> ReadAsync();
}

/// <summary>A subscription failed; <see cref="Code"/> is the platform's error code (Momento's, e.g.
/// <c>AUTHENTICATION_ERROR</c>) and <see cref="Permanent"/> says a retry cannot help until something is
/// fixed.</summary>
public sealed class TopicSubscriptionException(string code, bool permanent, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool Permanent { get; } = permanent;
}
