using System.Text;
using CourseComments.Http;
using CourseComments.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CourseComments.LocalMomento;

/// <summary>
/// <c>POST /api/local-momento/topics/{cache}/{topic}</c>: the stand-in's Topics HTTP publish API, in Momento's shape.
/// The token comes in the <c>Authorization</c> header or the <c>token</c> query, never both; the body is the message
/// (text/plain or application/octet-stream, at most 4 KB). 204 means accepted and queued for the webhook, as with
/// Momento, which acknowledges a publish before delivering it. Browsers call it cross-origin, so it answers CORS.
/// </summary>
public sealed partial class LocalPublishEndpoint(
    LocalTokenCodec codec, DeliveryQueue queue, AzurePlatform platform, TimeProvider time, ILogger<LocalPublishEndpoint> logger)
{
    /// <summary>Momento's hard limit on a topic message.</summary>
    public const int MaxMessageBytes = 4 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<IResult> HandleAsync(HttpRequest request, string cache, string topic, CancellationToken cancellationToken)
    {
        if (platform.IsAzure)
        {
            return Results.NotFound();
        }

        AllowAnyOrigin(request.HttpContext.Response);
        if (HttpMethods.IsOptions(request.Method))
        {
            return Results.NoContent();
        }

        var header = request.Headers.Authorization;
        var query = request.Query["token"];
        if (header.Count > 0 && query.Count > 0)
        {
            return Reject(StatusCodes.Status400BadRequest, "token-twice", "Send the token in the Authorization header or the token query parameter, not both.");
        }

        var token = header.Count > 0 ? header.ToString() : query.ToString();
        var claims = string.IsNullOrEmpty(token) ? null : codec.Decode(token);
        if (claims is null || claims.ExpiresAtUnixMilliseconds <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return Reject(StatusCodes.Status401Unauthorized, "token-invalid", "The token is missing, invalid or expired.");
        }

        if (claims.Permission != LocalTokenClaims.PublishOnly || claims.Cache != cache || claims.Topic != topic)
        {
            return Reject(StatusCodes.Status403Forbidden, "token-scope", "The token does not permit publishing to this topic.");
        }

        if (!IsMessageContentType(request.ContentType))
        {
            return Reject(StatusCodes.Status400BadRequest, "content-type", "The message must be sent as text/plain or application/octet-stream.");
        }

        var body = await BoundedBody.ReadAsync(request, MaxMessageBytes, cancellationToken);
        if (body is null)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "message-too-large", $"A message is at most {MaxMessageBytes} bytes.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Reject(StatusCodes.Status400BadRequest, "not-utf8", "The message must be UTF-8 text.");
        }

        if (!queue.TryEnqueue(cache, topic, claims.TokenId, text, time.GetUtcNow()))
        {
            return Reject(StatusCodes.Status429TooManyRequests, "queue-full", "Too many messages are waiting for delivery; try again shortly.");
        }

        return Results.NoContent();
    }

    private static bool IsMessageContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || parsed.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>Tokens travel in a header, never in cookies, so any page may publish with one (Momento's API does the same).</summary>
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

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Local Momento refused a publish with {Status} (reason {Reason})")]
    private static partial void Rejected(ILogger logger, int status, string reason);
}
