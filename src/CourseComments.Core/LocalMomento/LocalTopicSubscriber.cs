using System.Security.Cryptography;
using CourseComments.Delivery;

namespace CourseComments.LocalMomento;

/// <summary>
/// The topic subscription port in local mode with <c>Momento:Delivery=Subscription</c>: the stand-in's accepted
/// messages, read from its <see cref="DeliveryQueue"/> (which then has no webhook worker). It holds no history, so a
/// resume point is ignored, and one subscription reads at a time; the page is random per process, as Momento issues
/// a new page when a topic starts over, so once-only keys from an earlier run never match.
/// </summary>
public sealed class LocalTopicSubscriber(DeliveryQueue queue) : ITopicSubscriber
{
    private readonly ulong page = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1;

    public Task<ITopicSubscription> SubscribeAsync(
        string cacheName, string topicName, TopicPosition? resumeAt, CancellationToken cancellationToken) =>
        Task.FromResult<ITopicSubscription>(new Subscription(queue, cacheName, topicName, page, cancellationToken));

    private sealed class Subscription(
        DeliveryQueue queue, string cacheName, string topicName, ulong page, CancellationToken cancellationToken) : ITopicSubscription
    {
        public async ValueTask<TopicEvent?> ReadAsync()
        {
            try
            {
                while (true)
                {
                    var message = await queue.ReadAsync(cancellationToken);
                    if (message.Cache == cacheName && message.Topic == topicName)
                    {
                        return new TopicItem(new TopicPosition(page, (ulong)message.TopicSequenceNumber), message.TokenId, message.Text);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        public void Dispose()
        {
        }
    }
}
