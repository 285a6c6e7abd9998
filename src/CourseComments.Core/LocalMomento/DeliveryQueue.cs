using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace CourseComments.LocalMomento;

/// <summary>A message the stand-in accepted, waiting for its webhook delivery or its subscriber.</summary>
public sealed record PublishedMessage(
    string Cache, string Topic, string TokenId, string Text, long TopicSequenceNumber, DateTimeOffset PublishedAt);

/// <summary>
/// Accepted messages on their way to the webhook or the subscriber: bounded, so a stalled webhook cannot make publishing eat memory.
/// Sequence numbers are assigned here, in queue order, counting up per topic from 1 (Momento's reset on restart).
/// </summary>
public sealed class DeliveryQueue(IOptions<LocalMomentoOptions> options)
{
    private readonly Channel<PublishedMessage> channel = Channel.CreateBounded<PublishedMessage>(
        new BoundedChannelOptions(options.Value.DeliveryQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Dictionary<(string Cache, string Topic), long> sequences = [];
    private readonly Lock gate = new();

    /// <returns>False when the queue is full; the message is then not accepted.</returns>
    public bool TryEnqueue(string cache, string topic, string tokenId, string text, DateTimeOffset publishedAt)
    {
        lock (gate)
        {
            sequences.TryGetValue((cache, topic), out var last);
            if (!channel.Writer.TryWrite(new PublishedMessage(cache, topic, tokenId, text, last + 1, publishedAt)))
            {
                return false;
            }

            sequences[(cache, topic)] = last + 1;
            return true;
        }
    }

    public IAsyncEnumerable<PublishedMessage> ReadAllAsync(CancellationToken cancellationToken) =>
        channel.Reader.ReadAllAsync(cancellationToken);

    public ValueTask<PublishedMessage> ReadAsync(CancellationToken cancellationToken) => channel.Reader.ReadAsync(cancellationToken);
}
