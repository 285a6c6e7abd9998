using System.Net.Http.Headers;
using System.Text;
using CourseComments.Tests.Support;
using CourseComments.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace CourseComments.Tests.LocalMomento;

/// <summary>Talks to the stand-in the way a browser does: mint a local token, publish with it.</summary>
public static class StandIn
{
    public const string TopicPath = "/api/local-momento/topics/course-comments/comment";

    /// <summary>Nothing listens here (the discard port): for tests about publishing, not delivering.</summary>
    public static readonly Dictionary<string, string?> NoWebhook = new() { ["LocalMomento:WebhookUrl"] = "http://127.0.0.1:9/api/webhook" };

    public static async Task<string> MintAsync(
        TestApp app, string tokenId = "alice", string cache = "course-comments", string topic = "comment", TimeSpan? lifetime = null)
    {
        var minted = await app.Services.GetRequiredService<ITokenMinter>()
            .MintPublishOnlyAsync(new PublishTokenRequest(tokenId, cache, topic, lifetime ?? TimeSpan.FromMinutes(30)), default);
        return minted.Token;
    }

    public static HttpRequestMessage Publish(
        string? headerToken, string text = """{"courseId":"101","comment":"Hello"}""", string path = TopicPath, string contentType = "text/plain")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (headerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", headerToken);
        }

        return request;
    }
}
