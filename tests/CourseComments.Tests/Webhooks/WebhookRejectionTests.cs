using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseComments.Tests.Support;
using CourseComments.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.Webhooks;

public class WebhookRejectionTests
{
    private static async Task AssertRejectedAsync(
        TestApp app, HttpRequestMessage request, HttpStatusCode status, string courseId = "123")
    {
        var response = await app.Client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.Secret, body, StringComparison.Ordinal);
        Assert.Empty(await app.Store.FetchAsync(courseId, 100, default));
    }

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    [Fact]
    public async Task A_missing_signature_is_forbidden()
    {
        await using var app = await TestApp.StartAsync();
        await AssertRejectedAsync(app, WebhookRequests.WithSignature(Bytes(WebhookRequests.Event(app.Clock)), null),
            HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("this signature is incorrect")]
    [InlineData("")]
    [InlineData("b43f72787eb66410ff110295b036ef828e5686af21b414ce092f02c05deea3da")]
    [InlineData("zz3f72787eb66410ff110295b036ef828e5686af21b414ce092f02c05deea3da")]
    public async Task A_wrong_signature_is_forbidden(string signature)
    {
        await using var app = await TestApp.StartAsync();
        await AssertRejectedAsync(app, WebhookRequests.WithSignature(
            Bytes(WebhookRequests.Event(app.Clock)), signature), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_forbidden()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock, tokenId: "alice");
        var signed = WebhookRequests.Signed(evt);
        var signature = signed.Headers.GetValues("momento-signature").Single();
        evt["token_id"] = "mallory";

        await AssertRejectedAsync(app, WebhookRequests.WithSignature(Bytes(evt), signature), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signature_is_checked_before_the_body_is_parsed()
    {
        await using var app = await TestApp.StartAsync();
        await AssertRejectedAsync(
            app, WebhookRequests.WithSignature("not json at all"u8.ToArray(), "00"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_body_over_64_KB_is_too_large_even_when_signed()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt["padding"] = new string(' ', 64 * 1024);

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_streamed_body_over_64_KB_without_a_length_is_too_large()
    {
        await using var app = await TestApp.StartAsync();
        var request = WebhookRequests.WithSignature([], "00");
        request.Content = new StreamContent(new MemoryStream(new byte[200 * 1024]));
        request.Headers.TransferEncodingChunked = true;

        await AssertRejectedAsync(app, request, HttpStatusCode.RequestEntityTooLarge);
    }

    public static TheoryData<string> MissingFields() =>
        new() { "cache", "topic", "event_timestamp", "publish_timestamp", "topic_sequence_number", "token_id", "text" };

    [Theory]
    [MemberData(nameof(MissingFields))]
    public async Task An_event_missing_a_field_is_a_bad_request(string field)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt.Remove(field);

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string> WrongTypes() => new()
    {
        { "cache", "42" },
        { "topic", "null" },
        { "event_timestamp", "\"1704296470564\"" },
        { "publish_timestamp", "1.5" },
        { "topic_sequence_number", "true" },
        { "token_id", "123" },
        { "token_id", "null" },
        { "text", "{\"courseId\":1,\"comment\":\"x\"}" },
        { "text", "null" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task An_event_field_of_the_wrong_type_is_a_bad_request(string field, string json)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt[field] = JsonNode.Parse(json);

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"cache\":\"course-comments\"")]
    [InlineData("")]
    public async Task A_body_that_is_not_an_event_object_is_a_bad_request(string body)
    {
        await using var app = await TestApp.StartAsync();
        await AssertRejectedAsync(app, WebhookRequests.Signed(Encoding.UTF8.GetBytes(body)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_duplicated_property_is_a_bad_request()
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock, tokenId: "alice").ToJsonString();
        var smuggled = evt.Replace(
            "\"token_id\":\"alice\"", "\"token_id\":\"alice\",\"token_id\":\"mallory\"", StringComparison.Ordinal);

        await AssertRejectedAsync(
            app, WebhookRequests.Signed(Encoding.UTF8.GetBytes(smuggled)), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"comment\":\"no course\"}")]
    [InlineData("{\"courseId\":true,\"comment\":\"x\"}")]
    [InlineData("{\"courseId\":null,\"comment\":\"x\"}")]
    [InlineData("{\"courseId\":\"a b\",\"comment\":\"x\"}")]
    [InlineData("{\"courseId\":\"\",\"comment\":\"x\"}")]
    [InlineData("{\"courseId\":12.5,\"comment\":\"x\"}")]
    [InlineData(
        "{\"courseId\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"comment\":\"x\"}")]
    [InlineData("{\"courseId\":123}")]
    [InlineData("{\"courseId\":123,\"comment\":\"   \"}")]
    [InlineData("{\"courseId\":123,\"comment\":42}")]
    [InlineData("{\"courseId\":123,\"comment\":\"a\",\"comment\":\"b\"}")]
    public async Task A_message_that_is_not_a_valid_comment_is_a_bad_request(string text)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt["text"] = text;

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_comment_over_the_maximum_length_is_a_bad_request()
    {
        await using var app = await TestApp.StartAsync();
        await AssertRejectedAsync(app, WebhookRequests.Signed(
            WebhookRequests.Event(app.Clock, comment: new string('x', 1001))), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt")]
    public async Task A_token_id_that_is_empty_or_longer_than_64_characters_is_a_bad_request(string tokenId)
    {
        await using var app = await TestApp.StartAsync();
        await AssertRejectedAsync(
            app, WebhookRequests.Signed(WebhookRequests.Event(app.Clock, tokenId: tokenId)), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("cache", "other-cache")]
    [InlineData("topic", "other-topic")]
    public async Task An_event_for_another_cache_or_topic_is_a_bad_request(string field, string value)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt[field] = value;

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(-61)]
    [InlineData(-3600)]
    [InlineData(6)]
    [InlineData(86400)]
    public async Task An_event_outside_the_freshness_window_is_a_bad_request(int secondsFromNow)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt["publish_timestamp"] = app.Clock.GetUtcNow().AddSeconds(secondsFromNow).ToUnixTimeMilliseconds();

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(0)]
    public async Task Absurd_timestamps_are_a_bad_request(long timestamp)
    {
        await using var app = await TestApp.StartAsync();
        var evt = WebhookRequests.Event(app.Clock);
        evt["publish_timestamp"] = timestamp;
        evt["event_timestamp"] = timestamp;

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_captured_delivery_replayed_after_the_window_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var body = Bytes(WebhookRequests.Event(app.Clock, courseId: "replayed"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(WebhookRequests.Signed(body))).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var replay = await app.Client.SendAsync(WebhookRequests.Signed(body));

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Single(await app.Store.FetchAsync("replayed", 10, default));
    }

    [Fact]
    public async Task The_window_is_the_one_the_options_hold()
    {
        await using var app = await TestApp.StartAsync(configureServices: services =>
            services.PostConfigure<WebhookOptions>(options => options.FreshnessWindow = TimeSpan.FromSeconds(10)));
        var evt = WebhookRequests.Event(app.Clock);
        evt["publish_timestamp"] = app.Clock.GetUtcNow().AddSeconds(-11).ToUnixTimeMilliseconds();

        await AssertRejectedAsync(app, WebhookRequests.Signed(evt), HttpStatusCode.BadRequest);
    }
}
