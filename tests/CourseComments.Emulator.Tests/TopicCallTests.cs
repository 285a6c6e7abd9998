using CourseComments.MomentoEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Momento.Sdk.Exceptions;
using Momento.Sdk.Responses;
using static CourseComments.Emulator.Tests.EmulatorServer;
using static CourseComments.Emulator.Tests.TopicEvents;

namespace CourseComments.Emulator.Tests;

/// <summary>Momento.Sdk's TopicClient against the emulator: publish, subscribe, resume, discontinuities,
/// limits.</summary>
public sealed class TopicCallTests : IAsyncLifetime
{
    private EmulatorServer server = null!;

    public async Task InitializeAsync() =>
        server = await StartAsync(services: services => services.PostConfigure<EmulatorOptions>(options =>
        {
            options.TopicResumeBuffer = 4;
            options.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        }));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_subscriber_gets_each_published_message_in_order_with_increasing_numbers_on_one_page()
    {
        var topics = server.TopicClient();
        using var subscription = await SubscribeAsync(topics, Cache, "chat");

        foreach (var text in new[] { "one", "two ✓", "three" })
        {
            Assert.IsType<TopicPublishResponse.Success>(await topics.PublishAsync(Cache, "chat", text));
        }

        var messages = (await ReadUntilAsync(subscription, Texts(3))).OfType<TopicMessage.Text>().ToList();
        Assert.Equal(["one", "two ✓", "three"], messages.Select(m => m.Value));
        Assert.Equal([1UL, 2UL, 3UL], messages.Select(m => m.TopicSequenceNumber));
        Assert.Single(messages.Select(m => m.TopicSequencePage).Distinct());
        Assert.NotEqual(0UL, messages[0].TopicSequencePage);
        Assert.All(messages, m => Assert.Null(m.TokenId)); // the super-user has no token id
    }

    [Fact]
    public async Task Binary_messages_arrive_as_binary()
    {
        var topics = server.TopicClient();
        using var subscription = await SubscribeAsync(topics, Cache, "bytes");

        await topics.PublishAsync(Cache, "bytes", new byte[] { 0, 1, 255 });

        var events = await ReadUntilAsync(subscription, seen => seen.OfType<TopicMessage.Binary>().Any());
        Assert.Equal(new byte[] { 0, 1, 255 }, events.OfType<TopicMessage.Binary>().Single().Value);
    }

    [Fact]
    public async Task Idle_subscriptions_get_heartbeats()
    {
        var topics = server.TopicClient();
        using var subscription = await SubscribeAsync(topics, Cache, "quiet");
        using var timeout = new CancellationTokenSource(Patience);

        var heartbeats = 0;
        await foreach (var item in subscription.WithCancellationForAllEvents(timeout.Token))
        {
            if (item is TopicSystemEvent.Heartbeat && ++heartbeats == 3)
            {
                break;
            }
        }

        Assert.Equal(3, heartbeats);
    }

    [Fact]
    public async Task A_subscriber_resuming_from_a_held_number_gets_the_messages_from_there()
    {
        var topics = server.TopicClient();
        using (var first = await SubscribeAsync(topics, Cache, "resume"))
        {
            for (var i = 1; i <= 3; i++)
            {
                await topics.PublishAsync(Cache, "resume", $"m{i}");
            }

            var page = (await ReadUntilAsync(first, Texts(3))).OfType<TopicMessage.Text>().First().TopicSequencePage;

            using var resumed = await SubscribeAsync(topics, Cache, "resume", resumeAt: 2, page: page);
            var replayed = (await ReadUntilAsync(resumed, Texts(2))).OfType<TopicMessage.Text>().ToList();

            Assert.Equal(["m2", "m3"], replayed.Select(m => m.Value));
            Assert.Equal([2UL, 3UL], replayed.Select(m => m.TopicSequenceNumber));
        }
    }

    [Fact]
    public async Task Resuming_from_a_number_no_longer_held_gets_a_discontinuity_then_the_held_messages()
    {
        var topics = server.TopicClient();
        using var first = await SubscribeAsync(topics, Cache, "evicting");
        for (var i = 1; i <= 6; i++)
        {
            await topics.PublishAsync(Cache, "evicting", $"m{i}");
        }

        var page = (await ReadUntilAsync(first, Texts(6))).OfType<TopicMessage.Text>().First().TopicSequencePage;

        // The resume buffer holds 4 messages (3-6), so a resume from 1 has lost message 1-2.
        using var resumed = await SubscribeAsync(topics, Cache, "evicting", resumeAt: 1, page: page);
        var events = await ReadUntilAsync(resumed, Texts(4));

        var gap = Assert.IsType<TopicSystemEvent.Discontinuity>(events[0]);
        Assert.Equal(3UL, gap.SequenceNumber);
        Assert.Equal(page, gap.SequencePage);
        Assert.Equal(["m3", "m4", "m5", "m6"], events.OfType<TopicMessage.Text>().Select(m => m.Value));
    }

    [Fact]
    public async Task Resuming_on_a_page_the_topic_no_longer_has_gets_a_discontinuity_naming_the_new_page()
    {
        var topics = server.TopicClient();
        await topics.PublishAsync(Cache, "reset", "held");

        using var resumed = await SubscribeAsync(topics, Cache, "reset", resumeAt: 10, page: 42);
        var events = await ReadUntilAsync(resumed, Texts(1));

        var gap = Assert.IsType<TopicSystemEvent.Discontinuity>(events[0]);
        Assert.NotEqual(42UL, gap.SequencePage);
        Assert.Equal(1UL, gap.SequenceNumber);
        Assert.Equal("held", events.OfType<TopicMessage.Text>().Single().Value);
    }

    [Fact]
    public async Task A_message_over_4_KB_is_refused_as_limit_exceeded_and_4_KB_is_accepted()
    {
        var topics = server.TopicClient();

        Assert.IsType<TopicPublishResponse.Success>(await topics.PublishAsync(Cache, "big", new string('a', 4096)));
        var error = Assert.IsType<TopicPublishResponse.Error>(await topics.PublishAsync(Cache, "big", new string('a',
            4097)));

        Assert.Equal(MomentoErrorCode.LIMIT_EXCEEDED_ERROR, error.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_cache_answers_not_found_to_publish_and_subscribe()
    {
        var topics = server.TopicClient();

        var publish = Assert.IsType<TopicPublishResponse.Error>(await topics.PublishAsync("no-such-cache", "t", "x"));
        var subscribe = Assert.IsType<TopicSubscribeResponse.Error>(await topics.SubscribeAsync("no-such-cache", "t"));

        Assert.Equal(MomentoErrorCode.NOT_FOUND_ERROR, publish.ErrorCode);
        Assert.Equal(MomentoErrorCode.NOT_FOUND_ERROR, subscribe.ErrorCode);
    }
}
