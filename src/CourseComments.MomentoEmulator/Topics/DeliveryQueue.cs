using System.Threading.Channels;
using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.Options;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>A published message waiting for its webhook delivery.</summary>
public sealed record PendingDelivery(string Cache, string Topic, HeldMessage Message);

/// <summary>
/// Published messages on their way to the webhook: bounded, so a stalled webhook cannot make publishing eat memory.
/// With webhooks off nothing is queued.
/// </summary>
public sealed class DeliveryQueue(IOptions<EmulatorOptions> options, WebhookTarget target)
{
    private readonly Channel<PendingDelivery> channel = Channel.CreateBounded<PendingDelivery>(
        new BoundedChannelOptions(options.Value.Webhook.QueueCapacity) { SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait });

    /// <summary>True when webhooks are on, so every published message is delivered.</summary>
    public bool IsEnabled => target.IsEnabled;

    /// <returns>False when the queue is full: the message must then not be published.</returns>
    public bool TryEnqueue(string cache, string topic, HeldMessage message) =>
        !IsEnabled || channel.Writer.TryWrite(new PendingDelivery(cache, topic, message));

    public IAsyncEnumerable<PendingDelivery> ReadAllAsync(CancellationToken cancellationToken) =>
        channel.Reader.ReadAllAsync(cancellationToken);
}
