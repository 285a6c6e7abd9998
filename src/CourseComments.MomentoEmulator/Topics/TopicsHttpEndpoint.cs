using System.Text;
using CourseComments.Http;
using CourseComments.MomentoEmulator.Auth;
using Microsoft.Net.Http.Headers;
using Momento.Protos.CacheClient.Pubsub;

namespace CourseComments.MomentoEmulator.Topics;

/// <summary>
/// <c>POST /topics/{cache}/{topic}</c>: Momento's Topics HTTP API for browsers. The token comes in the
/// <c>Authorization</c> header or the <c>token</c> query, never both (400); the body is the message (text/plain or
/// application/octet-stream, at most 4 KB). 204 once published (webhook delivery follows, as with Momento); 401 for a
/// missing, invalid or expired token, 403 out of its scope, 404 for an unknown cache, 429 while the webhook queue is
/// full. Browsers call it cross-origin, so it answers CORS for any origin (the token is the credential, never a
/// cookie).
/// </summary>
public sealed partial class TopicsHttpEndpoint(
    TopicPublisher publisher, EmulatorTokenCodec codec, TimeProvider time, ILogger<TopicsHttpEndpoint> logger)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true);

    public async Task<IResult> HandleAsync(HttpRequest request, string cache, string topic,
        CancellationToken cancellationToken)
    {
        AllowAnyOrigin(request.HttpContext.Response);
        if (HttpMethods.IsOptions(request.Method))
        {
            return Results.NoContent();
        }

        var header = request.Headers.Authorization;
        var query = request.Query["token"];
        if (header.Count > 0 && query.Count > 0)
        {
            return Reject(StatusCodes.Status400BadRequest, "token-twice",
                "Send the token in the Authorization header or the token query parameter, not both.");
        }

        var token = header.Count > 0 ? header.ToString() : query.ToString();
        var caller = string.IsNullOrEmpty(token) ? null : Caller.Resolve(token, codec, time.GetUtcNow());
        if (caller is null)
        {
            return Reject(StatusCodes.Status401Unauthorized, "token-invalid",
                "The token is missing, invalid or expired.");
        }

        if (!caller.MayUseTopic(cache, topic, Access.Write))
        {
            return Reject(StatusCodes.Status403Forbidden, "token-scope",
                "The token does not permit publishing to this topic.");
        }

        var binary = false;
        if (!IsMessageContentType(request.ContentType, ref binary))
        {
            return Reject(StatusCodes.Status400BadRequest, "content-type",
                "The message must be sent as text/plain or application/octet-stream.");
        }

        var body = await BoundedBody.ReadAsync(request, TopicPublisher.MaxMessageBytes, cancellationToken);
        if (body is null)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "message-too-large",
                $"A message is at most {TopicPublisher.MaxMessageBytes} bytes.");
        }

        _TopicValue value;
        try
        {
            value = binary
                ? new _TopicValue { Binary = Google.Protobuf.ByteString.CopyFrom(body) }
                : new _TopicValue { Text = StrictUtf8.GetString(body) };
        }
        catch (DecoderFallbackException)
        {
            return Reject(StatusCodes.Status400BadRequest, "not-utf8", "A text/plain message must be UTF-8.");
        }

        return publisher.Publish(cache, topic, value, caller.PublisherId) switch
        {
            PublishOutcome.Published => Results.NoContent(),
            PublishOutcome.CacheNotFound => Reject(StatusCodes.Status404NotFound, "cache-not-found",
                "The cache does not exist."),
            PublishOutcome.TooLarge => Reject(StatusCodes.Status413PayloadTooLarge, "message-too-large",
                $"A message is at most {TopicPublisher.MaxMessageBytes} bytes."),
            _ => Reject(StatusCodes.Status429TooManyRequests, "queue-full",
                "Too many messages are waiting for delivery; try again shortly."),
        };
    }

    private static bool IsMessageContentType(string? contentType, ref bool binary)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        binary = parsed.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);
        return binary || parsed.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }

    private static void AllowAnyOrigin(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
        response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type";
        response.Headers.AccessControlMaxAge = "600";
    }

    private IResult Reject(int status, string reason, string title)
    {
        Rejected(logger, status, reason);
        return Problems.Create(status, reason, title);
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Momento emulator refused an HTTP publish with {Status} (reason {Reason})")]
    private static partial void Rejected(ILogger logger, int status, string reason);
}
