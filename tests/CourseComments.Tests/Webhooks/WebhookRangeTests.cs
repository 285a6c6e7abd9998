using System.Net;
using System.Text;
using System.Text.Json;
using CourseComments.Tests.Hostile;
using CourseComments.Tests.Support;

namespace CourseComments.Tests.Webhooks;

/// <summary>
/// Numbers at the edges of their ranges: Momento's sequence counter is an unsigned 64-bit number, and
/// event_timestamp is checked against publish_timestamp (milliseconds, inside the freshness window).
/// </summary>
public class WebhookRangeTests
{
    private const string Course = "ranges";

    private static HttpRequestMessage Event(TestApp app, string rawSequence, long? eventTimestamp = null)
    {
        var now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var text = JsonSerializer.Serialize(
            EventSigner.CommentText(Course, "at the edge " + rawSequence + " " + eventTimestamp));
        var body = $$"""
            {"cache":"course-comments","topic":"comment",
            "event_timestamp":{{eventTimestamp ?? now}},"publish_timestamp":{{now}},
            "topic_sequence_number":{{rawSequence}},"token_id":"alice","text":{{text}}}
            """;
        return WebhookRequests.Signed(Encoding.UTF8.GetBytes(body));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("18446744073709551614")]
    [InlineData("18446744073709551615")]
    public async Task Every_unsigned_64_bit_sequence_number_is_accepted(string sequence)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.SendAsync(Event(app, sequence));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await WebhookRequests.CommentsAsync(app.Client, Course)).GetArrayLength());
    }

    [Theory]
    [InlineData("18446744073709551616")]
    [InlineData("36893488147419103232")]
    [InlineData("-1")]
    [InlineData("-9223372036854775808")]
    [InlineData("1.8446744073709552E19")]
    public async Task A_sequence_number_outside_the_unsigned_64_bit_range_is_malformed(string sequence)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.SendAsync(Event(app, sequence));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed-event", await response.ProblemCodeAsync());
        Assert.Empty(await app.Store.FetchAsync(Course, 10, default));
    }

    private static long BadEventTime(string kind, long now) => kind switch
    {
        "seconds" => now / 1000,
        "microseconds" => now * 1000,
        "zero" => 0,
        "negative" => -now,
        "min" => long.MinValue,
        "max" => long.MaxValue,
        "after publish beyond the skew" => now + 5_001,
        "before the window" => now - 60_001,
        _ => now - 365L * 24 * 3600 * 1000,
    };

    [Theory]
    [InlineData("seconds")]
    [InlineData("microseconds")]
    [InlineData("zero")]
    [InlineData("negative")]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("after publish beyond the skew")]
    [InlineData("before the window")]
    [InlineData("a year ago")]
    public async Task An_event_timestamp_far_from_publish_timestamp_is_refused(string kind)
    {
        await using var app = await TestApp.StartAsync();
        var eventTime = BadEventTime(kind, app.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        using var response = await app.Client.SendAsync(Event(app, "1", eventTime));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-event-timestamp", await response.ProblemCodeAsync());
        Assert.Empty(await app.Store.FetchAsync(Course, 10, default));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60_000)]
    [InlineData(5_000)]
    public async Task An_event_timestamp_inside_the_window_is_the_stored_event_time(long offsetMs)
    {
        await using var app = await TestApp.StartAsync();
        var eventTime = app.Clock.GetUtcNow().ToUnixTimeMilliseconds() + offsetMs;
        using var response = await app.Client.SendAsync(Event(app, "1", eventTime));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await WebhookRequests.CommentsAsync(app.Client, Course))[0].GetProperty("eventTime")
            .GetDateTimeOffset();
        Assert.Equal(eventTime, stored.ToUnixTimeMilliseconds());
    }
}
