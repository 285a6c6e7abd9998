using System.Net;
using System.Text;
using CourseComments.Comments;
using CourseComments.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 2: one token cannot flush a course. Comments per author per window are counted in the
/// comment store at intake; authors can be blocked and courses listed without a restart.</summary>
public class CommentIntakeTests
{
    [Fact]
    public async Task One_author_flooding_a_course_is_limited_and_the_course_keeps_its_comments()
    {
        await using var app = await LoggedApp.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Deliver(app.App, "101", $"earlier {i}", $"reader-{i}")).StatusCode);
        }

        var flood = new List<HttpResponseMessage>();
        for (var i = 0; i < 100; i++)
        {
            flood.Add(await Deliver(app.App, "101", $"spam {i}", "mallory"));
        }

        Assert.All(flood.Take(10), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.All(flood.Skip(10), response =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.InRange(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After"))), 1, 60);
        });
        var stored = (await WebhookRequests.CommentsAsync(app.Client, "101", limit: 100)).EnumerateArray()
            .Select(c => c.GetProperty("userID").GetString()).ToArray();
        Assert.Equal(15, stored.Length);
        Assert.Equal(5, stored.Count(user => user!.StartsWith("reader-", StringComparison.Ordinal)));
        Assert.Contains(app.Logs.GetSnapshot(), entry => entry.Level == LogLevel.Information
            && entry.Message.Contains("author-rate-limited", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await Deliver(app.App, "101", "still welcome", "reader-0")).StatusCode);
    }

    [Fact]
    public async Task The_author_may_comment_again_in_the_next_window()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:MaxCommentsPerAuthor"] = "2",
            ["Intake:AuthorWindow"] = "00:00:30",
        });
        await Deliver(app, "101", "one", "alice");
        await Deliver(app, "101", "two", "alice");
        var third = await Deliver(app, "101", "three", "alice");

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var nextWindow = await Deliver(app, "101", "four", "alice");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
    }

    [Fact]
    public async Task The_count_is_kept_in_the_store_so_it_holds_across_instances()
    {
        // Two app instances over one Momento cache: the second uses the first's store (its emulator).
        var settings = new Dictionary<string, string?> { ["Intake:MaxCommentsPerAuthor"] = "10" };
        await using var first = await TestApp.StartAsync(settings);
        await using var second = await TestApp.StartAsync(settings, services => services.AddSingleton(first.Store));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await Deliver(first, "101", $"a{i}", "mallory")).StatusCode);
            statuses.Add((await Deliver(second, "101", $"b{i}", "mallory")).StatusCode);
        }

        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(6, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Copies_of_one_event_count_once()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Intake:MaxCommentsPerAuthor"] = "2" });
        var body = Encoding.UTF8.GetBytes(
            WebhookRequests.Event(app.Clock, courseId: "101", tokenId: "alice").ToJsonString());

        var copies = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            copies.Add((await app.Client.SendAsync(WebhookRequests.Signed(body))).StatusCode);
        }

        var another = await Deliver(app, "101", "a second comment", "alice");

        Assert.All(copies, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
    }

    [Fact]
    public async Task A_blocked_author_is_refused_from_the_next_delivery_on_without_a_restart()
    {
        await using var app = await TestApp.StartAsync();
        var before = await Deliver(app, "101", "hello", "mallory");

        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        configuration["Intake:BlockedAuthors:0"] = "mallory";
        configuration.Reload();
        var after = await Deliver(app, "101", "hello again", "mallory");
        var other = await Deliver(app, "101", "hi", "alice");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Contains("author-blocked", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, (await WebhookRequests.CommentsAsync(app.Client, "101")).GetArrayLength());
    }

    [Fact]
    public async Task A_configured_course_list_refuses_other_courses()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Intake:AllowedCourses:0"] = "101",
            ["Intake:AllowedCourses:1"] = "intro-to-cs",
        });

        var listed = await Deliver(app, "intro-to-cs", "hello", "alice");
        var unlisted = await Deliver(app, "102", "hello", "alice");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unlisted.StatusCode);
        Assert.Contains("unknown-course", await unlisted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.Store.FetchAsync("102", 10, default));
    }

    [Fact]
    public async Task A_course_list_entry_that_is_no_course_id_stops_start_up()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => TestApp.StartAsync(new Dictionary<string, string?> { ["Intake:AllowedCourses:0"] = "101\n" }));

        Assert.Contains("Intake:AllowedCourses", failure.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Deliver(TestApp app, string courseId, string comment, string author) =>
        app.Client.SendAsync(WebhookRequests.Signed(
            WebhookRequests.Event(app.Clock, courseId: courseId, comment: comment, tokenId: author)));
}
