namespace CourseComments.Delivery;

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
