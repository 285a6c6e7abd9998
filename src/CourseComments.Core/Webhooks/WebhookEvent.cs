using System.Text.Json;
using System.Text.Json.Serialization;
using CourseComments.Json;
using CourseComments.Text;

namespace CourseComments.Webhooks;

/// <summary>The body Momento POSTs for each published message: exactly these seven fields, with these names and
/// types.</summary>
public sealed class WebhookEvent
{
    [JsonPropertyName("cache")]
    public required string Cache { get; init; }

    [JsonPropertyName("topic")]
    public required string Topic { get; init; }

    /// <summary>Milliseconds since the Unix epoch when the message was published; the webhook accepts it only within
    /// the freshness window before <see cref="PublishTimestamp"/> (seconds would be a 1970 date).</summary>
    [JsonPropertyName("event_timestamp")]
    public required long EventTimestamp { get; init; }

    /// <summary>Milliseconds since the Unix epoch when this webhook call was made: the replay window's clock.</summary>
    [JsonPropertyName("publish_timestamp")]
    public required long PublishTimestamp { get; init; }

    /// <summary>The message's position in its topic: Momento's counter is an unsigned 64-bit number.</summary>
    [JsonPropertyName("topic_sequence_number")]
    public required ulong TopicSequenceNumber { get; init; }

    /// <summary>The tokenId embedded in the publisher's disposable token: the only identity we trust.</summary>
    [JsonPropertyName("token_id")]
    public required string TokenId { get; init; }

    /// <summary>The published message, verbatim.</summary>
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The event in a (verified) body, or null when the body is not one: not JSON of this shape, or a string
    /// that is not well-formed Unicode. One leading UTF-8 byte order mark is ignored, as RFC 8259 (section 8.1)
    /// allows.</summary>
    public static WebhookEvent? Parse(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith(Utf8ByteOrderMark))
        {
            body = body[Utf8ByteOrderMark.Length..];
        }

        WebhookEvent? evt;
        try
        {
            evt = JsonSerializer.Deserialize(body, AppJsonContext.Default.WebhookEvent);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string System.Text.Json cannot unescape, such as a lone surrogate.
            return null;
        }

        return evt is not null && UnicodeText.IsWellFormed(evt.Cache) && UnicodeText.IsWellFormed(evt.Topic)
            && UnicodeText.IsWellFormed(evt.TokenId) && UnicodeText.IsWellFormed(evt.Text)
            ? evt
            : null;
    }
}
