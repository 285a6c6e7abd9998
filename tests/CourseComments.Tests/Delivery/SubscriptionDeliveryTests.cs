using System.Diagnostics;
using System.Net;
using CourseComments.Comments;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using CourseComments.Delivery;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CourseComments.Tests.Delivery.DeliveryApp;

namespace CourseComments.Tests.Delivery;

/// <summary>The relay's behaviour over a scripted topic: what is stored, refused, resumed, counted and
/// logged.</summary>
public sealed class SubscriptionDeliveryTests
{
    private readonly FakeTopic topic = new();
    private readonly FakeLogCollector logs = new();

    [Fact]
    public async Task A_published_comment_is_stored_once_with_the_token_id_as_author()
    {
        await using var app = await StartAsync(topic, logs);
        var store = app.Store;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");

        topic.Publish("alice", Comment(101, "Great course"));
        await EventuallyAsync(async () => (await store.CommentsAsync("101")).Count == 1, "the comment is stored");

        var stored = Assert.Single(await store.CommentsAsync("101"));
        Assert.Equal(("alice", "Great course", "101"), (stored.UserId, stored.Comment, stored.CourseId));
        var health = await app.DeliveryHealthAsync();
        Assert.Equal("Subscription", health.GetProperty("mode").GetString());
        Assert.True(health.GetProperty("leaseHeld").GetBoolean());
        Assert.True(health.GetProperty("connected").GetBoolean());
        Assert.Equal(1, health.GetProperty("received").GetInt64());
        Assert.Equal(1, health.GetProperty("stored").GetInt64());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, health.GetProperty("lastMessageAt").ValueKind);
    }

    [Fact]
    public async Task A_message_without_a_token_id_is_refused_and_logged()
    {
        await using var app = await StartAsync(topic, logs);
        var store = app.Store;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");

        var position = topic.Publish(null, Comment(101, "who am I"));
        topic.Publish("bob", Comment(101, "after it"));
        await EventuallyAsync(async () => (await store.CommentsAsync("101")).Count == 1, "the next comment is stored");

        Assert.Equal("bob", Assert.Single(await store.CommentsAsync("101")).UserId);
        Assert.Equal(1, (await app.DeliveryHealthAsync()).GetProperty("refused").GetInt64());
        Assert.Contains(
            logs.Lines(), line => line.Contains($"Refused topic item {position}") && line.Contains("invalid-token-id"));
        Assert.DoesNotContain(logs.Lines(), line => line.Contains("who am I"));
    }

    [Theory]
    [InlineData("not json", "invalid-comment")]
    [InlineData("{\"courseId\":\"../etc\",\"comment\":\"x\"}", "invalid-comment")]
    [InlineData("{\"courseId\":101,\"comment\":\"   \"}", "invalid-comment")]
    public async Task Text_the_webhook_would_refuse_is_refused_for_the_same_reason(string text, string reason)
    {
        await using var webhookApp = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(webhookApp.Clock);
        evt["text"] = text;
        var webhookAnswer = await webhookApp.Client.SendAsync(WebhookRequests.Signed(evt));
        Assert.Equal(HttpStatusCode.BadRequest, webhookAnswer.StatusCode);
        Assert.Contains($"/problems/{reason}", await webhookAnswer.Content.ReadAsStringAsync());

        await using var app = await StartAsync(topic, logs);
        var store = app.Store;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");
        var position = topic.Publish("alice", text);
        await EventuallyAsync(
            () => logs.Lines().Any(line => line.Contains($"Refused topic item {position}") && line.Contains(reason)),
            "the refusal is logged");

        Assert.Equal(1, (await app.DeliveryHealthAsync()).GetProperty("refused").GetInt64());
        Assert.Empty(await store.FetchAsync("101", 10, default));
    }

    [Fact]
    public async Task Text_with_a_lone_surrogate_has_no_UTF8_and_is_refused_as_not_text()
    {
        await using var app = await StartAsync(topic, logs);
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");
        // A raw lone surrogate, as only a string can hold it (JSON escaping would spell it out).
        var position = topic.Publish("alice", "{\"courseId\":101,\"comment\":\"cut \ud83d\"}");
        topic.Publish("alice", Comment(101, "after it"));
        await EventuallyAsync(async () => (await app.Store.FetchAsync("101", 10, default)).Count == 1, "one stored");

        Assert.Contains(
            logs.Lines(), line => line.Contains($"Refused topic item {position}") && line.Contains("not-text"));
        Assert.Equal(1, (await app.DeliveryHealthAsync()).GetProperty("refused").GetInt64());
        Assert.Contains("after it", (await app.Store.FetchAsync("101", 10, default))[0]);
    }

    [Fact]
    public async Task The_webhooks_intake_rules_refuse_blocked_authors_unknown_courses_and_authors_past_their_limit()
    {
        await using var app = await StartAsync(topic, logs, new Dictionary<string, string?>
        {
            ["Intake:BlockedAuthors:0"] = "mallory",
            ["Intake:AllowedCourses:0"] = "101",
            ["Intake:MaxCommentsPerAuthor"] = "2",
        });
        var store = app.Store;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");

        var blocked = topic.Publish("mallory", Comment(101, "blocked"));
        var unknown = topic.Publish("alice", Comment(999, "elsewhere"));
        topic.Publish("bob", Comment(101, "one"));
        topic.Publish("bob", Comment(101, "two"));
        var limited = topic.Publish("bob", Comment(101, "three"));
        topic.Publish("carol", Comment(101, "last"));
        await EventuallyAsync(
            async () => (await store.CommentsAsync("101")).Count == 3, "the admitted comments are stored");
        await EventuallyAsync(
            () => logs.Lines().Any(line => line.Contains($"Refused topic item {limited}")),
                "the third refusal is logged");

        Assert.Equal(["one", "two", "last"], (await store.CommentsAsync("101")).Select(c => c.Comment).Reverse());
        Assert.Contains(logs.Lines(), line => line.Contains($"Refused topic item {blocked} (reason author-blocked)"));
        Assert.Contains(logs.Lines(), line => line.Contains($"Refused topic item {unknown} (reason unknown-course)"));
        Assert.Contains(
            logs.Lines(), line => line.Contains($"Refused topic item {limited} (reason author-rate-limited)"));
        var health = await app.DeliveryHealthAsync();
        Assert.Equal((3, 3), (health.GetProperty("refused").GetInt64(), health.GetProperty("stored").GetInt64()));
    }

    [Fact]
    public async Task A_store_try_that_times_out_but_lands_is_not_written_again_and_is_reported()
    {
        await using var app = await StartAsync(
            topic, logs, configure: options => options.StoreAttemptTimeout = TimeSpan.FromMilliseconds(300));
        var store = app.Store;
        var pushes = 0;
        // The first push arrives late and is applied anyway: the store cannot know the try was abandoned.
        app.Faults.BeforeCall = (method, _) => method == "ListConcatenateFront"
            && Interlocked.Increment(ref pushes) == 1
            ? Task.Delay(TimeSpan.FromSeconds(1))
            : Task.CompletedTask;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");

        var position = topic.Publish("alice", Comment(8, "late but once"));
        await EventuallyAsync(async () => (await app.DeliveryHealthAsync()).GetProperty("failed").GetInt64() == 1,
            "the message is reported");
        await EventuallyAsync(async () => (await store.CommentsAsync("8")).Count == 1, "the late push lands");
        await Task.Delay(500);

        Assert.Equal("late but once", Assert.Single(await store.CommentsAsync("8")).Comment);
        Assert.Equal(1, pushes);
        Assert.Contains(logs.Lines(), line => line.StartsWith(
            $"Error: Gave up on the comment for course 8, topic item {position}: a try timed out and may still land"));
    }

    [Fact]
    public async Task A_dropped_stream_is_resumed_from_the_next_position_with_nothing_lost_or_doubled()
    {
        topic.RedeliverOnResume = true; // as Momento.Sdk's own resubscribe does
        // A session shorter than MaxResubscribeDelay counts as failed (logged with its attempt); 200 ms, the
        // delivery tests' default, is not always enough for three stores on a busy machine.
        await using var app = await StartAsync(
            topic, logs, configure: options => options.MaxResubscribeDelay = TimeSpan.FromSeconds(30));
        var store = app.Store;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");
        for (var i = 1; i <= 3; i++)
        {
            topic.Publish("alice", Comment(7, $"before {i}"));
        }

        await EventuallyAsync(async () => (await store.CommentsAsync("7")).Count == 3, "three comments are stored");
        topic.DropAll();
        topic.Publish("alice", Comment(7, "while away 1")); // held by the topic; seen again only through the resume
        topic.Publish("alice", Comment(7, "while away 2"));
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app resubscribed");
        topic.Publish("alice", Comment(7, "after"));

        await EventuallyAsync(async () => (await store.CommentsAsync("7")).Count == 6, "six comments are stored");
        await Task.Delay(100);
        var comments = (await store.CommentsAsync("7")).Select(c => c.Comment).Reverse().ToArray();
        Assert.Equal(["before 1", "before 2", "before 3", "while away 1", "while away 2", "after"], comments);
        Assert.Equal(new TopicPosition(topic.Page, 4), topic.ResumePoints[^1]);
        var health = await app.DeliveryHealthAsync();
        Assert.Equal(1, health.GetProperty("duplicates").GetInt64());
        Assert.Equal(6, health.GetProperty("stored").GetInt64());
        Assert.Contains(logs.Lines(), line => line.Contains("failed (UNAVAILABLE); attempt 1"));
    }

    [Fact]
    public async Task Refused_subscriptions_are_retried_with_growing_delays_and_logged_as_errors()
    {
        for (var i = 0; i < 4; i++)
        {
            topic.SubscribeFailures.Enqueue(
                new TopicSubscriptionException("AUTHENTICATION_ERROR", permanent: true, "refused"));
        }

        await using var app = await StartAsync(topic, logs);
        var store = app.Store;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed after the refusals");

        var delays = logs.Lines().Where(
            line => line.StartsWith("Error: Subscription to topic comment refused (AUTHENTICATION_ERROR)")).ToArray();
        Assert.Equal(4, delays.Length);
        Assert.True((await app.DeliveryHealthAsync()).GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task A_discontinuity_is_counted_and_logged_with_the_lost_range()
    {
        await using var app = await StartAsync(topic, logs);
        var store = app.Store;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");
        topic.Publish("alice", Comment(5, "one"));
        await EventuallyAsync(async () => (await store.CommentsAsync("5")).Count == 1, "the first comment is stored");

        topic.PublishUnseen(3);
        topic.Gap(lastKnown: 1);
        topic.Publish("alice", Comment(5, "five"));
        await EventuallyAsync(
            async () => (await store.CommentsAsync("5")).Count == 2, "the comment after the gap is stored");

        Assert.Equal(1, (await app.DeliveryHealthAsync()).GetProperty("discontinuities").GetInt64());
        Assert.Contains(
            logs.Lines(), line => line.StartsWith("Warning: Discontinuity on topic comment: messages 2-4 lost"));
    }

    [Fact]
    public async Task A_failing_store_is_retried_then_the_message_is_given_up_loudly()
    {
        await using var app = await StartAsync(topic, logs);
        var store = app.Store;
        var pushes = 0;
        app.Faults.BeforeCall = (method, _) => method == "ListConcatenateFront"
            && Interlocked.Increment(ref pushes) <= 2
            ? throw new RpcException(new Status(StatusCode.Unavailable, "down"))
            : Task.CompletedTask;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");

        topic.Publish("alice", Comment(9, "after two failures"));
        await EventuallyAsync(
            async () => (await store.CommentsAsync("9")).Count == 1, "the comment is stored on the third try");
        Assert.Equal(3, pushes);
        Assert.Equal(2, logs.Lines().Count(line =>
            line.StartsWith("Warning: Storing the comment for course 9, topic item 42/1, failed (store-Unavailable)")));

        app.Faults.BeforeCall = (method, _) => method == "ListConcatenateFront" && Interlocked.Increment(ref pushes) > 0
            ? throw new RpcException(new Status(StatusCode.Unavailable, "down"))
            : Task.CompletedTask;
        var lost = topic.Publish("alice", Comment(9, "secret words"));
        await EventuallyAsync(async () => (await app.DeliveryHealthAsync()).GetProperty("failed").GetInt64() == 1,
            "the message is given up");

        Assert.Equal(3 + 5, pushes); // DeliveryOptions.StoreAttempts = 5
        Assert.Contains(logs.Lines(), line =>
            line.StartsWith($"Error: Gave up storing the comment for course 9, topic item {lost} (store-Unavailable)"));
        Assert.DoesNotContain(logs.Lines(), line => line.Contains("secret words"));
        Assert.Single(await store.CommentsAsync("9"));
    }

    [Fact]
    public async Task Shutdown_finishes_a_write_already_started_and_stops_in_time()
    {
        // A lease long enough that the write leaves most of it, so the slot can be released safely.
        await using var app = await StartAsync(
            topic, logs, configure: options => options.LeaseTtl = TimeSpan.FromSeconds(6));
        var store = app.Store;
        var pushStarted = new TaskCompletionSource();
        app.Faults.BeforeCall = async (method, _) =>
        {
            if (method == "ListConcatenateFront")
            {
                pushStarted.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(1)); // a slow store
            }
        };
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");
        topic.Publish("alice", Comment(3, "in flight at shutdown"));
        await pushStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = Stopwatch.StartNew();
        await app.StopAsync();

        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal("in flight at shutdown", Assert.Single(await store.CommentsAsync("3")).Comment);
        Assert.Equal(0, topic.LiveSubscriptions);
        Assert.Null(await store.GetAsync("delivery-lease:comment:0", default)); // released for a standby
    }

    [Fact]
    public async Task Shutdown_gives_up_a_write_that_outlasts_the_budget_and_says_so()
    {
        await using var app = await StartAsync(
            topic, logs, configure: options => options.ShutdownWriteBudget = TimeSpan.FromSeconds(1));
        app.Faults.BeforeCall = (method, ct) => method == "ListConcatenateFront" ? Task.Delay(Timeout.Infinite, ct)
            : Task.CompletedTask;
        await EventuallyAsync(() => topic.LiveSubscriptions == 1, "the app subscribed");
        var position = topic.Publish("alice", Comment(4, "never lands"));
        await EventuallyAsync(
            () => (app.Services.GetRequiredService<DeliveryStatus>().Report().Received == 1), "the message arrived");

        var stopping = Stopwatch.StartNew();
        await app.StopAsync();

        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Contains(logs.Lines(), line =>
            line.StartsWith($"Error: Gave up storing the comment for course 4, topic item {position} (shutdown)"));
    }

    [Fact]
    public async Task In_subscription_mode_the_webhook_refuses_deliveries()
    {
        await using var app = await StartAsync(topic, logs);
        var store = app.Store;

        var answer = await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock)));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("/problems/webhook-delivery-off", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await store.FetchAsync("123", 10, default));
    }

    [Fact]
    public async Task In_webhook_mode_nothing_subscribes_and_health_says_webhook()
    {
        await using var app = await TestApp.StartAsync(
            configureServices: services => services.AddSingleton<ITopicSubscriber>(topic));

        var answer = await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock)));
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(topic.ResumePoints);
        var health = await app.DeliveryHealthAsync();
        Assert.Equal("Webhook", health.GetProperty("mode").GetString());
        Assert.False(health.GetProperty("leaseHeld").GetBoolean());
        Assert.Equal(1, health.GetProperty("stored").GetInt64());
    }

    [Fact]
    public async Task An_unknown_delivery_mode_stops_the_app_at_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => TestApp.StartAsync(new Dictionary<string, string?> { ["Momento:Delivery"] = "Sometimes" }));

        Assert.Contains("Momento:Delivery", failure.ToString());
    }

    [Fact]
    public async Task A_host_without_a_topic_subscriber_cannot_start_in_subscription_mode()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Momento:Delivery"] = "Subscription",
            ["Webhook:SigningSecrets:0"] = "secret",
        });
        builder.Services.AddCourseComments(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("a topic subscriber for Momento:Delivery=Subscription (ITopicSubscriber", failure.Message);
    }
}
