using System.Net;
using CourseComments.Tests.Support;
using Microsoft.Extensions.Logging;
using static CourseComments.Tests.Tokens.TokenHost;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 6: expected refusals log at most Information, without stack traces, and a flood of
/// identical ones is sampled to one line per window.</summary>
public class RefusalLoggingTests
{
    [Fact]
    public async Task Throttled_token_requests_log_one_information_line_without_a_stack_trace()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Tokens:MaxMintsPerSecond"] = "1" });
        await host.Client.SendAsync(LocalUser("first"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add((await host.Client.SendAsync(LocalUser($"user-{i}"))).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.DoesNotContain(host.LogEntries, entry => entry.Level >= LogLevel.Warning);
        Assert.DoesNotContain(host.LogEntries, entry => entry.Exception is not null);
        Assert.Single(host.LogEntries, entry => entry.Message.Contains("throttled-here", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_signatures_are_sampled_and_the_next_line_counts_the_ones_left_out()
    {
        await using var app = await LoggedApp.StartAsync();

        for (var i = 0; i < 40; i++)
        {
            var response = await app.Client.SendAsync(
                WebhookRequests.Signed(WebhookRequests.Event(app.App.Clock), secret: "wrong"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        app.App.Clock.Advance(TimeSpan.FromSeconds(11));
        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.App.Clock), secret: "wrong"));

        var lines = app.Logs.GetSnapshot()
            .Where(entry => entry.Message.Contains("signature-invalid", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.True(line.Level <= LogLevel.Information, $"{line.Level}: {line.Message}"));
        Assert.All(lines, line => Assert.Null(line.Exception));
        Assert.Contains("39 like it not logged", lines[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_refusals_are_each_logged()
    {
        await using var app = await LoggedApp.StartAsync();

        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.App.Clock), secret: "wrong"));
        await app.Client.SendAsync(WebhookRequests.Signed(WebhookRequests.Event(app.App.Clock, courseId: "no spaces")));

        Assert.Single(
            app.Logs.GetSnapshot(), entry => entry.Message.Contains("signature-invalid", StringComparison.Ordinal));
        Assert.Single(
            app.Logs.GetSnapshot(), entry => entry.Message.Contains("invalid-comment", StringComparison.Ordinal));
    }
}
