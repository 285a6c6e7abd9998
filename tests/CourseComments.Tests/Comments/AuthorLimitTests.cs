using System.Net;
using System.Text;
using CourseComments.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Comments;

/// <summary>The per-author limit taken in blocks (<c>AuthorWindows</c>) follows a reloaded setting at once, starts
/// afresh at a window rollover, and is not used up by deliveries the store failed.</summary>
public class AuthorLimitTests
{
    [Fact]
    public async Task A_limit_raised_mid_window_admits_the_author_again_without_a_restart()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "2",
        });
        await Deliver(app, app, "101", "one", "alice");
        await Deliver(app, app, "101", "two", "alice");
        var third = await Deliver(app, app, "101", "three", "alice");

        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        configuration["Intake:MaxCommentsPerAuthor"] = "5";
        configuration.Reload();
        var afterRaise = await Deliver(app, app, "101", "four", "alice");

        Assert.Equal(HttpStatusCode.TooManyRequests, third);
        Assert.Equal(HttpStatusCode.OK, afterRaise);
    }

    [Fact]
    public async Task A_limit_lowered_mid_window_holds_even_for_slots_taken_before()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "100",
        });
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await Deliver(app, app, "101", $"comment {i}", "mallory"));
        }

        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        configuration["Intake:MaxCommentsPerAuthor"] = "4";
        configuration.Reload();
        var afterLowering = await Deliver(app, app, "101", "one more", "mallory");

        Assert.Equal(HttpStatusCode.TooManyRequests, afterLowering);
    }

    [Fact]
    public async Task Concurrent_comments_at_a_window_rollover_get_the_new_windows_full_limit()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "5",
            ["Intake:AuthorWindow"] = "00:00:30",
        });
        var before = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Deliver(app, app, "101", $"before {i}", "alice")));

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var after = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Deliver(app, app, "101", $"after {i}", "alice")));

        Assert.Equal(5, before.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(5, after.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(10, (await app.Store.FetchAsync("101", 100, default)).Count);
    }

    [Fact]
    public async Task Deliveries_whose_push_failed_do_not_use_up_the_authors_limit()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "2",
        });
        var body = Encoding.UTF8.GetBytes(
            WebhookRequests.Event(app.Clock, courseId: "101", comment: "one", tokenId: "alice").ToJsonString());
        app.Faults.Fail("ListConcatenateFront", Grpc.Core.StatusCode.Unavailable, times: 3);

        var failed = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await app.Client.SendAsync(WebhookRequests.Signed(body));
            failed.Add(response.StatusCode);
        }

        using var redelivered = await app.Client.SendAsync(WebhookRequests.Signed(body));
        var second = await Deliver(app, app, "101", "two", "alice");
        var third = await Deliver(app, app, "101", "three", "alice");

        Assert.All(failed, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(HttpStatusCode.TooManyRequests, third);
    }

    private static async Task<HttpStatusCode> Deliver(
        TestApp app, TestApp clockOf, string courseId, string comment, string author)
    {
        using var response = await app.Client.SendAsync(WebhookRequests.Signed(
            WebhookRequests.Event(clockOf.Clock, courseId: courseId, comment: comment, tokenId: author)));
        return response.StatusCode;
    }
}
