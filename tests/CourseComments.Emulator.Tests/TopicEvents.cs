using Momento.Sdk.Responses;

namespace CourseComments.Emulator.Tests;

/// <summary>Reads a Momento.Sdk subscription's events (heartbeats and discontinuities included) until a condition
/// holds.</summary>
public static class TopicEvents
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task<TopicSubscribeResponse.Subscription> SubscribeAsync(
        Momento.Sdk.ITopicClient topics, string cache, string topic, ulong? resumeAt = null, ulong? page = null)
    {
        var response = await topics.SubscribeAsync(cache, topic, resumeAt, page);
        return Assert.IsType<TopicSubscribeResponse.Subscription>(response);
    }

    /// <summary>Events until <paramref name="done"/> holds over the messages and discontinuities seen so far.</summary>
    public static async Task<List<ITopicEvent>> ReadUntilAsync(
        TopicSubscribeResponse.Subscription subscription, Func<List<ITopicEvent>, bool> done)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<ITopicEvent>();
        await using var events = subscription.WithCancellationForAllEvents(timeout.Token).GetAsyncEnumerator(
            timeout.Token);
        while (!done(seen) && await events.MoveNextAsync())
        {
            if (events.Current is { } item and not TopicSystemEvent.Heartbeat)
            {
                seen.Add(item);
            }
        }

        Assert.True(done(seen), $"Gave up after {Patience} with {seen.Count} events: {string.Join(", ", seen)}");
        return seen;
    }

    public static Func<List<ITopicEvent>, bool> Texts(int count) => seen =>
        seen.OfType<TopicMessage.Text>().Count() >= count;
}
