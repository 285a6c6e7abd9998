using System.Text.Json.Serialization;

namespace CourseComments.Webhooks;

/// <summary>The body Momento POSTs for each published message: exactly these seven fields, with these names and
/// types. The local Momento emulator writes it; the webhook reads it in place (<see cref="WebhookEventView"/>).
/// </summary>
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
}
