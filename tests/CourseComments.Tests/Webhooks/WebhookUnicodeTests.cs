using System.Net;
using System.Text;
using System.Text.Json;
using CourseComments.Tests.Hostile;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Webhooks;

/// <summary>
/// Text a person will read must be well-formed, visible Unicode: lone or reversed surrogates (escaped or raw),
/// invisible-only comments and unprintable author ids get their documented 400 and nothing is stored; a leading
/// byte order mark is ignored, as RFC 8259 allows.
/// </summary>
public class WebhookUnicodeTests
{
    private const string Course = "r06";

    /// <summary>A signed event whose fields are given as raw JSON, so escapes reach the server exactly as
    /// written.</summary>
    private static HttpRequestMessage RawEvent(
        TestApp app, string rawText, string rawTokenId = "\"alice\"", string rawCache = "\"course-comments\"")
    {
        var now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var body = $$"""
            {"cache":{{rawCache}},"topic":"comment","event_timestamp":{{now}},"publish_timestamp":{{now}},
            "topic_sequence_number":{{Random.Shared.NextInt64(1, long.MaxValue)}},
            "token_id":{{rawTokenId}},"text":{{rawText}}}
            """;
        return WebhookRequests.Signed(Encoding.UTF8.GetBytes(body));
    }

    private static async Task AssertRefusedAsync(TestApp app, HttpRequestMessage request, string code)
    {
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await response.ProblemCodeAsync());
        Assert.Empty(await app.Store.FetchAsync(Course, 100, default));
    }

    // The text field's JSON string, spelled as it arrives: \\u escapes reach the comment's own JSON.
    [Theory]
    [InlineData("""{\"courseId\":\"r06\",\"comment\":\"cut emoji \\ud83d\"}""")]
    [InlineData("""{\"courseId\":\"r06\",\"comment\":\"\\ude00 low first\"}""")]
    [InlineData("""{\"courseId\":\"r06\",\"comment\":\"reversed \\ude00\\ud83d\"}""")]
    [InlineData("""{\"courseId\":\"r06\",\"comment\":\"fine\",\"extra\":\"\\ud800\"}""")]
    [InlineData("""{\"courseId\":\"r06\",\"comment\":\"fine\",\"\\udfff\":1}""")]
    [InlineData("""{\"courseId\":\"r06\",\"comment\":\"fine\",\"nested\":[{\"a\":\"\\ud83d\"}]}""")]
    [InlineData("""{\"courseId\":\"\\ud83d\",\"comment\":\"fine\"}""")]
    public async Task A_comment_with_a_lone_surrogate_escape_is_an_invalid_comment(string textString)
    {
        await using var app = await TestApp.StartAsync();
        await AssertRefusedAsync(app, RawEvent(app, "\"" + textString + "\""), "invalid-comment");
    }

    // Escapes in the event's own JSON decode to a raw lone surrogate in the field: the event is malformed.
    [Theory]
    [InlineData("text", "\"{\\\"courseId\\\":\\\"r06\\\",\\\"comment\\\":\\\"cut \\ud83d\\\"}\"")]
    [InlineData("token_id", "\"alice\\udc00\"")]
    [InlineData("cache", "\"course-comments\\ud800\"")]
    public async Task An_event_field_with_a_lone_surrogate_is_malformed(string field, string raw)
    {
        await using var app = await TestApp.StartAsync();
        var text = JsonSerializer.Serialize(EventSigner.CommentText(Course, "hello"));
        var request = field switch
        {
            "text" => RawEvent(app, raw),
            "token_id" => RawEvent(app, text, rawTokenId: raw),
            _ => RawEvent(app, text, rawCache: raw),
        };
        await AssertRefusedAsync(app, request, "malformed-event");
    }

    [Fact]
    public async Task Raw_surrogate_bytes_in_the_event_are_malformed()
    {
        await using var app = await TestApp.StartAsync();
        var body = Encoding.UTF8.GetBytes(
            RawBody(app, "\"{\\\"courseId\\\":\\\"r06\\\",\\\"comment\\\":\\\"cut @@@\\\"}\""));
        var at = body.AsSpan().IndexOf("@@@"u8);
        body[at] = 0xED; // U+D83D encoded as if it were a character (CESU-8), which UTF-8 forbids
        body[at + 1] = 0xA0;
        body[at + 2] = 0xBD;
        using var response = await app.Client.SendAsync(WebhookRequests.Signed(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed-event", await response.ProblemCodeAsync());
    }

    [Fact]
    public async Task A_message_beginning_with_a_byte_order_mark_is_stored()
    {
        await using var app = await TestApp.StartAsync();
        var text = "\uFEFF" + EventSigner.CommentText(Course, "after a BOM");
        using var response = await app.Client.SendAsync(RawEvent(app, JsonSerializer.Serialize(text)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("after a BOM", (await WebhookRequests.CommentsAsync(app.Client, Course))[0].GetProperty("comment")
            .GetString());
    }

    [Fact]
    public async Task An_event_body_beginning_with_a_byte_order_mark_is_stored()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock, Course, "body BOM");
        using var response = await app.Client.SendAsync(
            WebhookRequests.Signed([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(evt.ToJsonString())]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Only_one_byte_order_mark_is_ignored()
    {
        await using var app = await TestApp.StartAsync();
        var text = "\uFEFF\uFEFF" + EventSigner.CommentText(Course, "two BOMs");
        await AssertRefusedAsync(app, RawEvent(app, JsonSerializer.Serialize(text)), "invalid-comment");
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u2060")]
    [InlineData("\u3164")]
    [InlineData("\u2800")]
    [InlineData("\u202E")]
    [InlineData("\u200B \u200C\u200D\u2060\uFEFF\u3164\u2800\u202E\u2066\u2069\u00AD\u034F\uFE0F\u115F\u1160\uFFA0")]
    [InlineData("\u0007\u001B\u0085\u00A0\u2028\u2029\u3000")]
    public async Task A_comment_of_invisible_characters_is_blank(string comment)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock, Course, comment);
        await AssertRefusedAsync(app, WebhookRequests.Signed(evt), "invalid-comment");
    }

    [Theory]
    [InlineData("\u202Eevil")]
    [InlineData("zero\u200Bwidth")]
    public async Task A_comment_with_visible_text_and_invisible_characters_is_stored(string comment)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, Course, comment)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\u3000\u00A0")]
    [InlineData("\t")]
    [InlineData("bob\u0000")]
    [InlineData("bo\u0007b")]
    [InlineData("\u001Bbob")]
    [InlineData("bob\u0085")]
    [InlineData("bob\u202E")]
    [InlineData("\u2066bob\u2069")]
    [InlineData("b\u200Bob")]
    [InlineData(" bob")]
    [InlineData("bob ")]
    [InlineData("bob\nalice")]
    [InlineData("bob\u2028")]
    [InlineData("\u3164")]
    public async Task A_token_id_that_is_not_printable_text_is_refused(string tokenId)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock, Course, "hello", tokenId: tokenId);
        await AssertRefusedAsync(app, WebhookRequests.Signed(evt), "invalid-token-id");
    }

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("aad:9f3c1e2a-7b4d")]
    [InlineData("Zoë 😀")]
    public async Task A_printable_token_id_is_the_author(string tokenId)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.SendAsync(
            WebhookRequests.Signed(WebhookRequests.Event(app.Clock, Course, "hello", tokenId: tokenId)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            tokenId, (await WebhookRequests.CommentsAsync(app.Client, Course))[0].GetProperty("userID").GetString());
    }

    private static string RawBody(TestApp app, string rawText)
    {
        var now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        return $$"""
            {"cache":"course-comments","topic":"comment","event_timestamp":{{now}},"publish_timestamp":{{now}},
            "topic_sequence_number":7,"token_id":"alice","text":{{rawText}}}
            """;
    }
}
