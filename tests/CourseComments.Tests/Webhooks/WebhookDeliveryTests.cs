using System.Net;
using System.Text;
using CourseComments.Comments;
using CourseComments.Tests.Support;
using CourseComments.Webhooks;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Webhooks;

public class WebhookDeliveryTests
{
    [Fact]
    public async Task The_same_delivery_twice_is_stored_once_and_acknowledged_both_times()
    {
        await using var app = await TestApp.StartAsync();
        var body = Encoding.UTF8.GetBytes(WebhookRequests.Event(app.Clock).ToJsonString());

        var first = await app.Client.SendAsync(WebhookRequests.Signed(body));
        var second = await app.Client.SendAsync(WebhookRequests.Signed(body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await app.Store.FetchAsync("123", 10, default));
    }

    [Fact]
    public async Task A_redelivery_of_the_same_message_at_a_later_publish_time_is_stored_once()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(evt))).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(20));
        evt["publish_timestamp"] = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(evt))).StatusCode);

        Assert.Single(await app.Store.FetchAsync("123", 10, default));
    }

    [Fact]
    public async Task Two_messages_with_the_same_text_from_the_same_user_are_both_stored()
    {
        await using var app = await TestApp.StartAsync();

        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "+1")));
        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "+1")));

        Assert.Equal(2, (await app.Store.FetchAsync("123", 10, default)).Count);
    }

    [Fact]
    public async Task Concurrent_deliveries_to_one_course_lose_nothing()
    {
        const int Deliveries = 300;
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Comments:MaxPerCourse"] = "1000",
            ["Intake:MaxCommentsPerAuthor"] = "1000", // 7 authors share 300 comments
        });
        var requests = Enumerable.Range(0, Deliveries)
            .Select(i => WebhookRequests.Signed(
                WebhookRequests.Event(app.Clock, courseId: "busy", comment: $"comment {i}", tokenId: $"user-{i % 7}")))
            .ToArray();

        var responses = await Task.WhenAll(requests.Select(r => Task.Run(() => app.Client.SendAsync(r))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await app.Store.FetchAsync("busy", 1000, default);
        Assert.Equal(Deliveries, stored.Count);
        Assert.Equal(Deliveries, stored.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_deliveries_of_every_size_keep_each_author_with_their_own_comment()
    {
        // The body, the event's unescaped strings and the comment's own scratch are pooled buffers reused across
        // deliveries: whatever sizes and escapes arrive together, refused ones among them, each stored item pairs an
        // author with that author's comment and course, once.
        const int Deliveries = 200;
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Comments:MaxPerCourse"] = "1000",
        });
        string Comment(int i) => $"c{i} é\"\\ 😀 " + new string((char)('a' + (i % 26)), i * 37 % 900);
        var requests = Enumerable.Range(0, Deliveries)
            .Select(i => WebhookRequests.Signed(WebhookRequests.Event(
                app.Clock, courseId: $"pool-{i % 4}", comment: i % 5 == 0 ? " \t " : Comment(i), tokenId: $"user-{i}")))
            .ToArray();

        var responses = await Task.WhenAll(requests.Select(r => Task.Run(() => app.Client.SendAsync(r))));

        for (var i = 0; i < Deliveries; i++)
        {
            Assert.Equal(i % 5 == 0 ? HttpStatusCode.BadRequest : HttpStatusCode.OK, responses[i].StatusCode);
        }

        var stored = new List<StoredComment>();
        for (var course = 0; course < 4; course++)
        {
            var items = await app.Store.FetchAsync($"pool-{course}", 1000, default);
            stored.AddRange(items.Select(item => StoredComment.Decode(item)!));
        }

        var expected = Enumerable.Range(0, Deliveries).Where(i => i % 5 != 0)
            .Select(i => ($"user-{i}", Comment(i), $"pool-{i % 4}")).Order().ToArray();
        Assert.Equal(expected, stored.Select(c => (c.UserId, c.Comment, c.CourseId!)).Order().ToArray());
    }

    [Fact]
    public async Task Concurrent_copies_of_one_event_are_stored_once()
    {
        // Each racing copy counts toward the author's window until it loses the claim and undoes its count, so 50
        // copies at once would trip the default limit (10): this test is about the once-only write, not that limit.
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "1000",
        });
        var body = Encoding.UTF8.GetBytes(WebhookRequests.Event(app.Clock, courseId: "copies").ToJsonString());

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 50).Select(_ => Task.Run(() => app.Client.SendAsync(WebhookRequests.Signed(body)))));

        // A copy racing the first one is refused (409) rather than acknowledged before the comment is stored.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(await app.Store.FetchAsync("copies", 10, default));
    }

    [Fact]
    public async Task The_list_keeps_the_newest_comments_up_to_the_bound()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Comments:MaxPerCourse"] = "3" });
        for (var i = 1; i <= 5; i++)
        {
            await app.Client.SendAsync(
                WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: $"comment {i}")));
        }

        var comments = (await WebhookRequests.CommentsAsync(app.Client, "123")).EnumerateArray()
            .Select(c => c.GetProperty("comment").GetString());

        Assert.Equal(["comment 5", "comment 4", "comment 3"], comments);
    }

    [Fact]
    public async Task A_course_list_expires_after_its_ttl_and_each_write_refreshes_it()
    {
        await using var app = await TestApp.StartAsync(configureServices: services =>
            services.PostConfigure<CommentsOptions>(options => options.Ttl = TimeSpan.FromHours(1)));
        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "first")));
        app.Clock.Advance(TimeSpan.FromMinutes(50));
        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "second")));
        app.Clock.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal(2, (await WebhookRequests.CommentsAsync(app.Client, "123")).GetArrayLength());

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, (await WebhookRequests.CommentsAsync(app.Client, "123")).GetArrayLength());
    }

    [Fact]
    public async Task A_store_failure_is_not_acknowledged_and_the_event_can_be_delivered_again()
    {
        await using var app = await TestApp.StartAsync();
        app.Faults.Fail("ListConcatenateFront", StatusCode.Unavailable);
        var body = Encoding.UTF8.GetBytes(WebhookRequests.Event(app.Clock).ToJsonString());

        var failed = await app.Client.SendAsync(WebhookRequests.Signed(body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.DoesNotContain("Injected fault", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        app.Faults.Clear();
        var retried = await app.Client.SendAsync(WebhookRequests.Signed(body));

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(await app.Store.FetchAsync("123", 10, default));
    }

    [Fact]
    public async Task A_throttled_store_answers_429_and_releases_its_claim()
    {
        await using var app = await TestApp.StartAsync();
        app.Faults.Fail("ListConcatenateFront", StatusCode.ResourceExhausted);
        var body = Encoding.UTF8.GetBytes(WebhookRequests.Event(app.Clock).ToJsonString());

        var response = await app.Client.SendAsync(WebhookRequests.Signed(body));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        app.Faults.Clear();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(body))).StatusCode);
        Assert.Single(await app.Store.FetchAsync("123", 10, default));
    }

    [Fact]
    public async Task A_signing_secret_read_that_outlasts_the_response_budget_is_answered_503_and_nothing_is_stored()
    {
        await using var app = await TestApp.StartAsync(configureServices: services =>
        {
            TestApp.ResponseBudget(TimeSpan.FromMilliseconds(200))(services);
            services.AddSingleton<ISigningSecretSource, HangingSecretSource>();
        });

        var response = await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.Clock)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(await app.Store.FetchAsync("123", 10, default));
    }

    /// <summary>A Key Vault that never answers (but honours cancellation, as the real reader does).</summary>
    private sealed class HangingSecretSource : ISigningSecretSource
    {
        public async ValueTask<SigningSecrets> GetAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
