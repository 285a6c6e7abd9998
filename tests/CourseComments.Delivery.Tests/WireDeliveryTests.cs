using System.Diagnostics;
using CourseComments.Tests.Support;
using Momento.Sdk.Responses;
using static CourseComments.Delivery.Tests.Wait;

namespace CourseComments.Delivery.Tests;

/// <summary>
/// Subscription delivery through Momento.Sdk's real <c>TopicClient</c> and <c>CacheClient</c> against the emulator:
/// messages published with disposable tokens, the store and the leases in the emulator's cache, network cuts at a
/// TCP gate.
/// </summary>
public sealed class WireDeliveryTests : IAsyncLifetime
{
    private readonly string topic = "comment-" + Guid.NewGuid().ToString("N")[..8];
    private Emulator emulator = null!;

    public async Task InitializeAsync() =>
        emulator = await Emulator.StartAsync(options => options.TopicResumeBuffer = 3);

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task A_comment_is_stored_once_with_its_token_id_as_author_and_health_shows_the_subscriber()
    {
        await using var app = await WireApp.StartAsync(emulator, topic);
        await UntilAsync(() => app.Status.Connected, "the app subscribed");

        await emulator.PublishAsync(topic, "alice", Comment(101, "Over the wire"));
        await UntilAsync(async () => (await app.CommentsAsync("101")).Count == 1, "the comment is stored");

        var stored = Assert.Single(await app.CommentsAsync("101"));
        Assert.Equal("alice", stored.GetProperty("userID").GetString());
        Assert.Equal("Over the wire", stored.GetProperty("comment").GetString());
        var health = await app.HealthAsync();
        Assert.Equal("Subscription", health.GetProperty("mode").GetString());
        Assert.True(health.GetProperty("leaseHeld").GetBoolean());
        Assert.True(health.GetProperty("connected").GetBoolean());
        Assert.Equal((1, 1, 0, 0), (health.GetProperty("received").GetInt64(), health.GetProperty("stored").GetInt64(),
            health.GetProperty("refused").GetInt64(), health.GetProperty("discontinuities").GetInt64()));
        Assert.NotNull(health.GetProperty("lastMessageAt").GetString());
    }

    [Fact]
    public async Task Messages_without_a_token_id_or_with_text_the_webhook_refuses_are_refused()
    {
        await using var app = await WireApp.StartAsync(emulator, topic);
        await UntilAsync(() => app.Status.Connected, "the app subscribed");

        await emulator.PublishAsync(topic, tokenId: null, Comment(5, "no author"));
        await emulator.PublishAsync(topic, "bob", "{\"courseId\":5,\"comment\":\"\"}");
        await emulator.PublishAsync(topic, "bob", Comment(5, "fine"));
        await UntilAsync(async () => (await app.CommentsAsync("5")).Count == 1, "the valid comment is stored");

        Assert.Equal("fine", Assert.Single(await app.CommentsAsync("5")).GetProperty("comment").GetString());
        Assert.Equal(2, app.Status.Refused);
        Assert.Contains(app.Logs.Lines(), line => line.StartsWith("Warning: Refused topic item")
            && line.EndsWith("(reason invalid-token-id)"));
        Assert.Contains(app.Logs.Lines(), line => line.StartsWith("Warning: Refused topic item")
            && line.EndsWith("(reason invalid-comment)"));
    }

    [Fact]
    public async Task A_stream_cut_mid_way_is_resumed_with_nothing_lost_and_nothing_doubled()
    {
        await using var app = await WireApp.StartAsync(emulator, topic);
        await UntilAsync(() => app.Status.Connected, "the app subscribed");
        await emulator.PublishAsync(topic, "alice", Comment(7, "one"));
        await UntilAsync(async () => (await app.CommentsAsync("7")).Count == 1, "the first comment is stored");

        app.TopicGate.Close();
        await UntilAsync(() => !app.Status.Connected, "the app saw the cut");
        await emulator.PublishAsync(topic, "alice", Comment(7, "two"));
        await emulator.PublishAsync(topic, "alice", Comment(7, "three"));
        app.TopicGate.Open();
        await UntilAsync(() => app.Status.Connected, "the app resubscribed");
        await emulator.PublishAsync(topic, "alice", Comment(7, "four"));

        await UntilAsync(async () => (await app.CommentsAsync("7")).Count >= 4, "four comments are stored");
        await Task.Delay(300);
        Assert.Equal(["one", "two", "three", "four"], (await app.CommentsAsync("7"))
            .Select(c => c.GetProperty("comment").GetString()));
        Assert.Equal((4, 0), (app.Status.Stored, app.Status.Discontinuities));
        Assert.Contains(app.Logs.Lines(), line => line.Contains("Subscribed to topic") && line.EndsWith("/2"));
    }

    [Fact]
    public async Task Messages_beyond_the_topics_resume_buffer_are_a_discontinuity_counted_and_logged()
    {
        await using var app = await WireApp.StartAsync(emulator, topic);
        await UntilAsync(() => app.Status.Connected, "the app subscribed");
        await emulator.PublishAsync(topic, "alice", Comment(8, "before"));
        await UntilAsync(async () => (await app.CommentsAsync("8")).Count == 1, "the first comment is stored");

        app.TopicGate.Close();
        await UntilAsync(() => !app.Status.Connected, "the app saw the cut");
        for (var i = 2; i <= 6; i++)
        {
            await emulator.PublishAsync(topic, "alice", Comment(8, $"while away {i}")); // the emulator holds the last 3
        }

        app.TopicGate.Open();
        await UntilAsync(async () => (await app.CommentsAsync("8")).Count == 4, "the held comments are stored");

        Assert.Equal(1, (await app.HealthAsync()).GetProperty("discontinuities").GetInt64());
        Assert.Contains(
            app.Logs.Lines(), line => line.StartsWith($"Warning: Discontinuity on topic {topic}: messages 2-3 lost"));
        Assert.Equal(["before", "while away 4", "while away 5", "while away 6"],
            (await app.CommentsAsync("8")).Select(c => c.GetProperty("comment").GetString()));
    }

    [Fact]
    public async Task A_failing_store_is_retried_then_the_message_is_given_up_loudly()
    {
        await using var app = await WireApp.StartAsync(emulator, topic, options =>
        {
            options.LeaseTtl = TimeSpan.FromMinutes(1); // the lease outlives the cut, so only the write fails
            options.StoreAttempts = 3;
        });
        await UntilAsync(() => app.Status.Connected, "the app subscribed");

        app.CacheGate.Close();
        await emulator.PublishAsync(topic, "alice", Comment(9, "do not log me"));
        await UntilAsync(() => app.Status.Failed == 1, "the message is given up", seconds: 60);

        Assert.Equal(2, app.Logs.Lines()
            .Count(line => line.StartsWith("Warning: Storing the comment for course 9, topic item")));
        Assert.Single(
            app.Logs.Lines(), line => line.StartsWith("Error: Gave up storing the comment for course 9, topic item"));
        Assert.DoesNotContain(app.Logs.Lines(), line => line.Contains("do not log me"));

        // Once the store answers again (gRPC reconnects with backoff), messages are stored again.
        app.CacheGate.Open();
        await UntilAsync(async () => (await app.CommentsAsync("9")).Count == 0, "the store answers again", seconds: 30);
        await emulator.PublishAsync(topic, "alice", Comment(9, "after the outage"));
        await UntilAsync(
            async () => (await app.CommentsAsync("9")).Count == 1, "the next comment is stored", seconds: 30);
    }

    [Fact]
    public async Task Three_instances_at_most_two_subscribe_each_message_is_stored_once_a_vanished_holder_is_replaced()
    {
        var apps = new List<WireApp>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                apps.Add(await WireApp.StartAsync(emulator, topic));
            }

            await UntilAsync(() => apps.Count(a => a.Status.Connected) == 2, "two instances subscribed");
            for (var i = 0; i < 10; i++)
            {
                await emulator.PublishAsync(topic, $"user-{i % 2}", Comment(1, $"comment {i}"));
            }

            await UntilAsync(async () => (await apps[0].CommentsAsync("1")).Count == 10, "ten comments are stored");
            await Task.Delay(300);
            Assert.Equal(10, (await apps[0].CommentsAsync("1")).Select(c => c.GetProperty("comment").GetString())
                .Distinct().Count());
            Assert.Equal(10, apps.Sum(a => a.Status.Stored));
            Assert.Equal(2, apps.Count(a => a.Status.LeaseHeld));

            // A holder vanishes from the network (as a killed instance does): the standby takes its slot within the
            // TTL.
            var holder = apps.First(a => a.Status.LeaseHeld);
            var standby = apps.First(a => !a.Status.LeaseHeld);
            var vanished = Stopwatch.StartNew();
            holder.CacheGate.Close();
            holder.TopicGate.Close();
            await UntilAsync(() => standby.Status.Connected, "the standby took over");

            // TTL, one look, slack for a busy machine
            Assert.InRange(vanished.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3 + 1 + 2));
            Assert.False(holder.Status.LeaseHeld);
            Assert.Equal(2, apps.Count(a => a.Status.LeaseHeld));
            await emulator.PublishAsync(topic, "user-0", Comment(1, "after the handover"));
            await UntilAsync(async () => (await standby.CommentsAsync("1")).Count == 11, "the next comment is stored");
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Shutdown_stops_within_the_grace_period_and_frees_the_slot()
    {
        // A release budget a busy test machine keeps to (its first delete call may still be compiling).
        var app = await WireApp.StartAsync(emulator, topic, options =>
        {
            options.LeaseTtl = TimeSpan.FromSeconds(30);
            options.ReleaseBudget = TimeSpan.FromSeconds(3);
        });
        await UntilAsync(() => app.Status.Connected, "the app subscribed");
        var lease = $"delivery-lease:{topic}:0";
        Assert.IsType<CacheGetResponse.Hit>(await emulator.CacheClient().GetAsync(Emulator.Cache, lease));

        var stopping = Stopwatch.StartNew();
        await app.StopAsync();
        stopping.Stop();
        await app.DisposeAsync();

        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.True(app.Logs.Lines().Any(line => line.Contains("Released subscriber lease")),
            string.Join("\n", app.Logs.Lines()));
        var cache = emulator.CacheClient();
        await UntilAsync(async () => await cache.GetAsync(Emulator.Cache, lease) is CacheGetResponse.Miss,
            "the slot is free:\n" + string.Join("\n", app.Logs.Lines()), 3);
    }
}
