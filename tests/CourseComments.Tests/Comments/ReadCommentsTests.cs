using System.Net;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Comments;

public class ReadCommentsTests
{
    private static async Task<TestApp> AppWithCommentsAsync(int count, string courseId = "123")
    {
        var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Comments:MaxPerCourse"] = "500" });
        for (var i = 1; i <= count; i++)
        {
            var response = await app.Client.SendAsync(WebhookRequests.Signed(
                WebhookRequests.Event(app.Clock, courseId: courseId, comment: $"comment {i}", tokenId: $"user-{i}")));
            response.EnsureSuccessStatusCode();
        }

        return app;
    }

    [Fact]
    public async Task Comments_come_back_newest_first_with_their_authors()
    {
        await using var app = await AppWithCommentsAsync(3);

        var comments = (await WebhookRequests.CommentsAsync(app.Client, "123")).EnumerateArray().ToArray();

        Assert.Equal(
            ["comment 3", "comment 2", "comment 1"], comments.Select(c => c.GetProperty("comment").GetString()));
        Assert.Equal(["user-3", "user-2", "user-1"], comments.Select(c => c.GetProperty("userID").GetString()));
    }

    [Fact]
    public async Task The_default_limit_is_50_and_the_maximum_is_100()
    {
        await using var app = await AppWithCommentsAsync(120);

        Assert.Equal(50, (await WebhookRequests.CommentsAsync(app.Client, "123")).GetArrayLength());
        Assert.Equal(7, (await WebhookRequests.CommentsAsync(app.Client, "123", limit: 7)).GetArrayLength());
        Assert.Equal(100, (await WebhookRequests.CommentsAsync(app.Client, "123", limit: 100)).GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=-1")]
    [InlineData("limit=ten")]
    [InlineData("limit=")]
    public async Task An_invalid_limit_is_a_bad_request(string query)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync($"/api/courses/123/comments?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("a%20b")]
    [InlineData("a.b")]
    [InlineData("%3Cscript%3E")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task An_invalid_course_id_is_a_bad_request(string courseId)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync($"/api/courses/{courseId}/comments");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_course_is_an_empty_list()
    {
        await using var app = await TestApp.StartAsync();

        Assert.Equal(0, (await WebhookRequests.CommentsAsync(app.Client, "never-commented")).GetArrayLength());
    }

    [Fact]
    public async Task Items_written_by_Momentos_original_sample_stay_readable()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.ConcatenateFrontAsync(
            "123", ["""{"userID":"legacy-user","comment":"from the sample"}"""u8.ToArray()], 100, TimeSpan.FromHours(1),
            default);
        await app.Store.ConcatenateFrontAsync("123", ["not json"u8.ToArray()], 100, TimeSpan.FromHours(1), default);

        var comment = Assert.Single((await WebhookRequests.CommentsAsync(app.Client, "123")).EnumerateArray());

        Assert.Equal("legacy-user", comment.GetProperty("userID").GetString());
        Assert.Equal("from the sample", comment.GetProperty("comment").GetString());
    }
}
