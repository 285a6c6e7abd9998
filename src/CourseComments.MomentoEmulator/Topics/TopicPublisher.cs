using CourseComments.MomentoEmulator.Cache;
using Momento.Protos.CacheClient.Pubsub;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>How a publish ended; the gRPC and HTTP front ends map it to their own status codes.</summary>
public enum PublishOutcome
{
    Published,
    CacheNotFound,

    /// <summary>Over Momento's 4 KB limit on a topic message.</summary>
    TooLarge,

    /// <summary>The webhook queue is full.</summary>
    Busy,
}

/// <summary>Publishing, shared by the gRPC Publish call and the Topics HTTP API: checks, numbering, webhook
/// queueing.</summary>
public sealed class TopicPublisher(CacheStore caches, TopicHub hub, DeliveryQueue deliveries)
{
    /// <summary>Momento's hard limit on a topic message, in bytes.</summary>
    public const int MaxMessageBytes = 4 * 1024;

    public PublishOutcome Publish(string cache, string topic, _TopicValue value, string publisherId)
    {
        var size = value.KindCase == _TopicValue.KindOneofCase.Text
            ? System.Text.Encoding.UTF8.GetByteCount(value.Text)
            : value.Binary.Length;
        if (size > MaxMessageBytes)
        {
            return PublishOutcome.TooLarge;
        }

        if (!caches.CacheExists(cache))
        {
            return PublishOutcome.CacheNotFound;
        }

        return hub.Publish(cache, topic, value, publisherId, message => deliveries.TryEnqueue(cache, topic,
            message)) is null
            ? PublishOutcome.Busy
            : PublishOutcome.Published;
    }
}
