using System.Text;
using System.Text.Json;
using CourseComments.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Benchmarks;

/// <summary>A pool of distinct, pre-signed ~400-byte webhook events (signing is Momento's work, not measured), and
/// one delivery of an event through <see cref="WebhookEndpoint"/> into a response sink.</summary>
internal sealed class WebhookEvents
{
    private const int Courses = 256;
    private readonly (byte[] Body, string Signature)[] events;

    public WebhookEvents(int count, DateTimeOffset now, int salt = 0)
    {
        var key = Encoding.UTF8.GetBytes(BenchmarkApp.Secret);
        var ms = now.ToUnixTimeMilliseconds();
        events = Enumerable.Range(0, count).Select(i =>
        {
            var text = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["courseId"] = i % Courses,
                ["comment"] = $"Comment number {salt}-{i}: this course and video is awesome! " + new string('x', 150),
            });
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["cache"] = "course-comments",
                ["topic"] = "comment",
                ["event_timestamp"] = ms,
                ["publish_timestamp"] = ms,
                ["topic_sequence_number"] = i,
                ["token_id"] = $"user-{i % 1000}",
                ["text"] = text,
            });
            return (body, WebhookSignature.Compute(key, body));
        }).ToArray();
    }

    public int Count => events.Length;

    public (byte[] Body, string Signature) this[int index] => events[index];

    /// <returns>The answer's status code. A ValueTask, so the harness adds no Task of its own to what is
    /// measured.</returns>
    public static async ValueTask<int> DeliverAsync(IServiceProvider services, byte[] body, string signature)
    {
        var context = BenchmarkApp.Request(services, HttpMethods.Post, body, signature);
        var endpoint = services.GetRequiredService<WebhookEndpoint>();
        var result = await endpoint.HandleAsync(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }
}
