using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseComments.Webhooks;

namespace CourseComments.Tests.Support;

/// <summary>Builds webhook deliveries the way Momento sends them: the seven-field event, signed over its raw
/// bytes.</summary>
public static class WebhookRequests
{
    private static long sequence;

    /// <summary>A valid event published "now" by <paramref name="tokenId"/>, as a mutable JSON object.</summary>
    public static JsonObject Event(TimeProvider clock, object? courseId = null,
        string comment = "This course and video is awesome!", string tokenId = "alice")
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var text = new JsonObject { ["courseId"] = JsonValue.Create(courseId ?? 123), ["comment"] = comment };
        return new JsonObject
        {
            ["cache"] = "course-comments",
            ["topic"] = "comment",
            ["event_timestamp"] = now,
            ["publish_timestamp"] = now,
            ["topic_sequence_number"] = Interlocked.Increment(ref sequence),
            ["token_id"] = tokenId,
            ["text"] = text.ToJsonString(),
        };
    }

    public static HttpRequestMessage Signed(JsonNode evt, string secret = TestApp.Secret) =>
        Signed(Encoding.UTF8.GetBytes(evt.ToJsonString()), secret);

    public static HttpRequestMessage Signed(byte[] body, string secret = TestApp.Secret) =>
        WithSignature(body, WebhookSignature.Compute(Encoding.UTF8.GetBytes(secret), body));

    public static HttpRequestMessage WithSignature(byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd("Momento/1.0 (Webhooks; +https://docs.momentohq.com/topics/webhooks)");
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.HeaderName, signature);
        }

        return request;
    }

    public static async Task<JsonElement> CommentsAsync(HttpClient client, string courseId, int? limit = null)
    {
        var response = await client.GetAsync(
            $"/api/courses/{courseId}/comments" + (limit is null ? "" : $"?limit={limit}"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("comments");
    }
}
