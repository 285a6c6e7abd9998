using System.Net;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Security;

/// <summary>Issue 17, item 4: validating patterns end at <c>\z</c>, so a trailing newline is not a valid id, and no
/// caller-supplied value can split a log line.</summary>
public class InputAnchoringTests
{
    [Theory]
    [InlineData("101%0A")]
    [InlineData("101%0D%0A")]
    public async Task A_course_id_with_a_trailing_newline_is_refused_when_reading(string courseId)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync($"/api/courses/{courseId}/comments");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_event_whose_course_id_ends_in_a_newline_is_refused_and_logs_no_line_break()
    {
        await using var app = await LoggedApp.StartAsync();

        var response = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.App.Clock, courseId: "101\nforged log line")));
        var trailing = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.App.Clock, courseId: "101\n")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, trailing.StatusCode);
        Assert.Empty(await app.App.Store.FetchAsync("101\n", 10, default));
        Assert.Empty(await app.App.Store.FetchAsync("101", 10, default));
        Assert.All(app.Logs.GetSnapshot(), entry => Assert.DoesNotContain('\n', entry.Message));
        Assert.All(app.Logs.GetSnapshot(), entry => Assert.DoesNotContain('\r', entry.Message));
    }

    [Fact]
    public async Task A_valid_course_id_still_reads()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/api/courses/101/comments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
