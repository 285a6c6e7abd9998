using System.Threading.Channels;
using CourseComments.Delivery;

namespace CourseComments.Tests.Delivery;

/// <summary>
/// A topic that behaves as Momento documents one (cachepubsub.proto): every live subscriber gets each message with
/// the same (page, number); a resume replays what the topic still holds from the given number; a stream can be
/// dropped or told about a gap. <see cref="RedeliverOnResume"/> replays one earlier item, as Momento.Sdk's own
/// resubscribe does. Stands in for the SDK only where the emulator cannot script a fault.
/// </summary>
internal sealed class FakeTopic : ITopicSubscriber
{
    private readonly Lock gate = new();
    private readonly List<TopicItem> history = [];
    private readonly List<Channel<TopicEvent>> live = [];

    public ulong Page { get; } = 42;

    public Queue<TopicSubscriptionException> SubscribeFailures { get; } = new();

    public List<TopicPosition?> ResumePoints { get; } = [];

    public bool RedeliverOnResume { get; set; }

    public int LiveSubscriptions
    {
        get
        {
            lock (gate)
            {
                return live.Count;
            }
        }
    }

    public int MaxLiveSubscriptions { get; private set; }

    public TopicPosition Publish(string? tokenId, string text)
    {
        lock (gate)
        {
            var item = new TopicItem(new TopicPosition(Page, (ulong)history.Count + 1), tokenId, text);
            history.Add(item);
            foreach (var channel in live)
            {
                channel.Writer.TryWrite(item);
            }

            return item.Position;
        }
    }

    /// <summary>Publishes with no subscriber told: the messages a gap loses.</summary>
    public void PublishUnseen(int count)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                history.Add(new TopicItem(new TopicPosition(Page, (ulong)history.Count + 1), "lost", "{}"));
            }
        }
    }

    /// <summary>Tells every live subscriber that the unseen messages since <paramref name="lastKnown"/> are
    /// lost.</summary>
    public void Gap(ulong lastKnown)
    {
        lock (gate)
        {
            var next = new TopicPosition(Page, (ulong)history.Count + 1);
            foreach (var channel in live)
            {
                channel.Writer.TryWrite(new TopicDiscontinuity(lastKnown, next));
            }
        }
    }

    /// <summary>Ends every live stream with an error, as a dropped connection does.</summary>
    public void DropAll()
    {
        lock (gate)
        {
            foreach (var channel in live)
            {
                channel.Writer.TryComplete(new TopicSubscriptionException("UNAVAILABLE", permanent: false, "dropped"));
            }

            live.Clear();
        }
    }

    public Task<ITopicSubscription> SubscribeAsync(
        string cacheName, string topicName, TopicPosition? resumeAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            ResumePoints.Add(resumeAt);
            if (SubscribeFailures.TryDequeue(out var failure))
            {
                throw failure;
            }

            var channel = Channel.CreateUnbounded<TopicEvent>();
            channel.Writer.TryWrite(TopicHeartbeat.Instance);
            if (resumeAt is { } from && from.Page == Page)
            {
                var first = RedeliverOnResume && from.Number > 1 ? from.Number - 1 : from.Number;
                foreach (var item in history.Where(i => i.Position.Number >= first))
                {
                    channel.Writer.TryWrite(item);
                }
            }

            live.Add(channel);
            MaxLiveSubscriptions = Math.Max(MaxLiveSubscriptions, live.Count);
            return Task.FromResult<ITopicSubscription>(new Subscription(this, channel, cancellationToken));
        }
    }

    private void Remove(Channel<TopicEvent> channel)
    {
        lock (gate)
        {
            live.Remove(channel);
        }
    }

    private sealed class Subscription(FakeTopic topic, Channel<TopicEvent> channel, CancellationToken cancellationToken)
        : ITopicSubscription
    {
        public async ValueTask<TopicEvent?> ReadAsync()
        {
            try
            {
                return await channel.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException ex) when (ex.InnerException is TopicSubscriptionException failure)
            {
                throw failure;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        public void Dispose() => topic.Remove(channel);
    }
}
