using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Webhooks;

public class WebhookAcceptanceTests
{
    [Fact]
    public async Task A_signed_event_is_stored_with_the_token_id_as_author_and_answered_with_empty_json()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(
            app.Clock, courseId: 123, comment: "  This course and video is awesome!  ", tokenId: "mo-the-squirrel");

        var response = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var stored = Assert.Single(await app.Store.FetchAsync("123", 10, default));
        var item = JsonDocument.Parse(stored).RootElement;
        Assert.Equal("mo-the-squirrel", item.GetProperty("userID").GetString());
        Assert.Equal("This course and video is awesome!", item.GetProperty("comment").GetString());
        Assert.Equal("123", item.GetProperty("courseId").GetString());
        Assert.Equal(app.Clock.GetUtcNow(), item.GetProperty("eventTime").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_user_named_inside_the_message_is_ignored()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock, tokenId: "alice");
        evt["text"] =
            """{"courseId":"intro-1","comment":"hi","userID":"mallory","user":"mallory","token_id":"mallory"}""";

        var response = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var comment = Assert.Single((await WebhookRequests.CommentsAsync(app.Client, "intro-1")).EnumerateArray());
        Assert.Equal("alice", comment.GetProperty("userID").GetString());
    }

    [Theory]
    [InlineData("123", "123")]
    [InlineData("\"abc_DEF-9\"", "abc_DEF-9")]
    [InlineData("-5", "-5")]
    public async Task Course_ids_are_normalised_to_strings(string rawCourseId, string listKey)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt["text"] = $$"""{"courseId":{{rawCourseId}},"comment":"hello"}""";

        var response = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await app.Store.FetchAsync(listKey, 10, default));
    }

    [Fact]
    public async Task A_token_id_of_64_characters_and_a_comment_of_the_maximum_length_are_accepted()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock, comment: new string('x', 1000), tokenId: new string('t', 64));

        var response = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_maximum_comment_length_is_configurable()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Webhook:MaxCommentLength"] = "5" });

        var accepted = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "12345")));
        var refused = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "123456")));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Single(await app.Store.FetchAsync("123", 10, default));
    }

    [Fact]
    public async Task Both_the_current_and_the_previous_secret_are_accepted_during_a_rotation()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Webhook:SigningSecrets:0"] = "new-secret",
            ["Webhook:SigningSecrets:1"] = "old-secret",
        });

        var withNew = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "signed with new"), "new-secret"));
        var withOld = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "signed with old"), "old-secret"));
        var withOther = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, comment: "signed with other"), "other-secret"));

        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withOther.StatusCode);
        Assert.Equal(2, (await app.Store.FetchAsync("123", 10, default)).Count);
    }

    [Fact]
    public async Task Events_just_inside_the_freshness_window_and_the_clock_skew_are_accepted()
    {
        await using var app = await TestApp.StartAsync();
        var old = WebhookRequests.Event(app.Clock, comment: "59 s old");
        // Momento stamps the event when it is published, before the delivery: event_timestamp <= publish_timestamp.
        old["publish_timestamp"] = app.Clock.GetUtcNow().AddSeconds(-59).ToUnixTimeMilliseconds();
        old["event_timestamp"] = app.Clock.GetUtcNow().AddSeconds(-59).ToUnixTimeMilliseconds();
        var early = WebhookRequests.Event(app.Clock, comment: "4 s ahead");
        early["publish_timestamp"] = app.Clock.GetUtcNow().AddSeconds(4).ToUnixTimeMilliseconds();
        early["event_timestamp"] = app.Clock.GetUtcNow().AddSeconds(4).ToUnixTimeMilliseconds();

        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(old))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(early))).StatusCode);
    }

    [Fact]
    public async Task Unknown_extra_event_fields_are_tolerated()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt["future_field"] = new JsonObject { ["x"] = 1 };

        var response = await app.Client.SendAsync(WebhookRequests.Signed(evt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
