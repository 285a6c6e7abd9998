using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CourseComments.Load;

/// <summary>
/// The run's events, as Momento would deliver them: each has its own sequence number and comment, is signed with
/// HMAC-SHA3-256 just before it is sent, and carries a publish_timestamp of that moment, so none is ever stale.
/// Event i goes to course i mod <see cref="Courses"/>, so no course holds more than 100 (the server's default cap).
/// </summary>
internal sealed class WebhookEvents(string runId, int count, string secret, TimeProvider clock)
{
    public const int PerCourse = 100;

    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    public int Courses { get; } = (count + PerCourse - 1) / PerCourse;

    public string CourseId(int course) => $"load-{runId}-{course}";

    public static string UserId(int index) => $"load-user-{index % 97}";

    public string Comment(int index) => $"load run {runId} event {index}";

    public HttpRequestMessage Request(Uri webhook, int index, string courseId)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var body = Body(now, index, courseId);
        var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        var signature = Convert.ToHexStringLower(HMACSHA3_256.HashData(key, body));
        request.Headers.TryAddWithoutValidation("momento-signature", signature);
        return request;
    }

    public HttpRequestMessage Request(Uri webhook, int index) => Request(webhook, index, CourseId(index % Courses));

    private byte[] Body(long now, int index, string courseId)
    {
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("cache", "course-comments");
            json.WriteString("topic", "comment");
            json.WriteNumber("event_timestamp", now);
            json.WriteNumber("publish_timestamp", now);
            json.WriteNumber("topic_sequence_number", index);
            json.WriteString("token_id", UserId(index));
            var text = JsonSerializer.Serialize(
                new CommentText(courseId, Comment(index)), LoadJsonContext.Default.CommentText);
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string NewRunId() =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))
        + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
}
