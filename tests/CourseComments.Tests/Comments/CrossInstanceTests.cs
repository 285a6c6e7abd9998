using System.Net;
using System.Text;
using System.Text.Json;
using CourseComments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Comments;

/// <summary>Two app instances over one Momento cache (the second uses the first's store), hit at once: the per-author
/// limit taken in blocks is never exceeded nor reached early, and copies racing each other store a comment
/// once.</summary>
public class CrossInstanceTests
{
    [Fact]
    public async Task Concurrent_bursts_through_two_instances_admit_exactly_the_limit()
    {
        var settings = new Dictionary<string, string?> { ["Intake:MaxCommentsPerAuthor"] = "40" };
        await using var first = await TestApp.StartAsync(settings);
        await using var second = await TestApp.StartAsync(settings, services => services.AddSingleton(first.Store));

        var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            Deliver(i % 2 == 0 ? first : second, first, "burst", $"spam {i}", "mallory")));

        Assert.Equal(40, answers.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(80, answers.Count(status => status == HttpStatusCode.TooManyRequests));
        Assert.Equal(40, (await first.Store.FetchAsync("burst", 200, default)).Count);
    }

    [Fact]
    public async Task Copies_racing_through_two_instances_store_each_comment_once_and_acknowledge_only_stored_ones()
    {
        var settings = new Dictionary<string, string?> { ["Intake:MaxCommentsPerAuthor"] = "1000" };
        await using var first = await TestApp.StartAsync(settings);
        await using var second = await TestApp.StartAsync(settings, services => services.AddSingleton(first.Store));
        var events = Enumerable.Range(0, 30)
            .Select(i => Encoding.UTF8.GetBytes(WebhookRequests.Event(
                first.Clock, courseId: $"race-{i % 3}", comment: $"comment {i}", tokenId: $"user-{i % 5}")
                .ToJsonString()))
            .ToArray();

        var copies = events.SelectMany(body => Enumerable.Range(0, 6).Select(copy => (body, copy))).ToArray();
        var answers = await Task.WhenAll(copies.Select(async c =>
        {
            using var response = await (c.copy % 2 == 0 ? first : second).Client
                .SendAsync(WebhookRequests.Signed(c.body));
            return response.StatusCode;
        }));
        var again = await Task.WhenAll(events.Select(async body =>
        {
            using var response = await second.Client.SendAsync(WebhookRequests.Signed(body));
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(again, status => Assert.Equal(HttpStatusCode.OK, status));
        var stored = new List<string>();
        for (var course = 0; course < 3; course++)
        {
            stored.AddRange((await first.Store.FetchAsync($"race-{course}", 200, default))
                .Select(item => JsonDocument.Parse(item).RootElement.GetProperty("comment").GetString()!));
        }

        Assert.Equal(30, stored.Count);
        Assert.Equal(30, stored.Distinct().Count());
    }

    private static async Task<HttpStatusCode> Deliver(
        TestApp app, TestApp clockOf, string courseId, string comment, string author)
    {
        using var response = await app.Client.SendAsync(WebhookRequests.Signed(
            WebhookRequests.Event(clockOf.Clock, courseId: courseId, comment: comment, tokenId: author)));
        return response.StatusCode;
    }
}
