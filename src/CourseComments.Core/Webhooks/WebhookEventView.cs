using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CourseComments.Webhooks;

/// <summary>
/// A verified webhook body (<see cref="WebhookEvent"/>'s seven fields) read without a string per field: the cache,
/// topic and text stay UTF-8, unescaped into a caller's (pooled) buffer; the token id becomes a string (it is a key).
/// The rules are <see cref="WebhookEvent"/>'s JSON contract: every field present once, strings as JSON strings of
/// well-formed Unicode (no lone surrogate, raw or escaped), the numbers as JSON integers of their type; other members
/// are skipped, but the whole body must be UTF-8; one leading UTF-8 byte order mark is ignored, as RFC 8259 (section
/// 8.1) allows.
/// </summary>
public readonly ref struct WebhookEventView
{
    /// <summary>The <c>cache</c> field's UTF-8.</summary>
    public ReadOnlySpan<byte> Cache { get; private init; }

    /// <summary>The <c>topic</c> field's UTF-8.</summary>
    public ReadOnlySpan<byte> Topic { get; private init; }

    /// <summary>Milliseconds since the Unix epoch when the message was published (see
    /// <see cref="WebhookEvent.EventTimestamp"/>).</summary>
    public long EventTimestamp { get; private init; }

    /// <summary>Milliseconds since the Unix epoch when this webhook call was made: the replay window's clock.</summary>
    public long PublishTimestamp { get; private init; }

    /// <summary>The message's position in its topic.</summary>
    public ulong TopicSequenceNumber { get; private init; }

    /// <summary>The tokenId embedded in the publisher's disposable token: the only identity we trust.</summary>
    public string TokenId { get; private init; }

    /// <summary>The published message's UTF-8, unescaped (in the caller's buffer).</summary>
    public ReadOnlyMemory<byte> Text { get; private init; }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the event in <paramref name="body"/>.</summary>
    /// <param name="scratch">At least as long as <paramref name="body"/>: the strings are unescaped into it, and the
    /// event's fields point into it, so they are valid for as long as it is.</param>
    /// <returns>False when the body is not such an event.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, byte[] scratch, out WebhookEventView evt)
    {
        if (body.StartsWith(Utf8ByteOrderMark))
        {
            body = body[Utf8ByteOrderMark.Length..];
        }

        // JSON exchanged between systems must be UTF-8 (RFC 8259, section 8.1): checked for the whole body at once,
        // so skipped members are held to it too, and the strings read below need no check of their own.
        if (!Utf8.IsValid(body))
        {
            evt = default;
            return false;
        }

        try
        {
            return TryRead(body, scratch, out evt);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an escape that spells a lone surrogate, which cannot be unescaped.
            evt = default;
            return false;
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> body, byte[] scratch, out WebhookEventView evt)
    {
        evt = default;
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        ReadOnlyMemory<byte> cache = default, topic = default, text = default, tokenId = default;
        long eventTimestamp = 0, publishTimestamp = 0;
        ulong sequence = 0;
        var seen = 0; // a bit per field
        var used = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader, scratch.AsSpan(used));
            var bit = field == Field.Other ? 0 : 1 << (int)field;
            if ((seen & bit) != 0)
            {
                return false; // the same field twice
            }

            seen |= bit;
            reader.Read();
            var valid = field switch
            {
                Field.Cache => TryString(ref reader, scratch, ref used, out cache),
                Field.Topic => TryString(ref reader, scratch, ref used, out topic),
                Field.EventTimestamp => reader.TokenType == JsonTokenType.Number
                    && reader.TryGetInt64(out eventTimestamp),
                Field.PublishTimestamp => reader.TokenType == JsonTokenType.Number
                    && reader.TryGetInt64(out publishTimestamp),
                Field.TopicSequenceNumber => reader.TokenType == JsonTokenType.Number
                    && reader.TryGetUInt64(out sequence),
                Field.TokenId => TryString(ref reader, scratch, ref used, out tokenId),
                Field.Text => TryString(ref reader, scratch, ref used, out text),
                _ => TrySkip(ref reader, scratch.AsSpan(used)),
            };
            if (!valid)
            {
                return false;
            }
        }

        // The object is closed (the reader throws on anything else), and nothing but white space may follow it.
        if (seen != (1 << (int)Field.Count) - 1 || reader.Read())
        {
            return false;
        }

        evt = new WebhookEventView
        {
            Cache = cache.Span,
            Topic = topic.Span,
            EventTimestamp = eventTimestamp,
            PublishTimestamp = publishTimestamp,
            TopicSequenceNumber = sequence,
            TokenId = Encoding.UTF8.GetString(tokenId.Span),
            Text = text,
        };
        return true;
    }

    private static Field FieldOf(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (reader.ValueIsEscaped)
        {
            // Unescaped once in full, as the serializer does with every name: a lone surrogate throws.
            reader.CopyString(scratch);
        }

        return reader.ValueTextEquals("cache"u8) ? Field.Cache
            : reader.ValueTextEquals("topic"u8) ? Field.Topic
            : reader.ValueTextEquals("event_timestamp"u8) ? Field.EventTimestamp
            : reader.ValueTextEquals("publish_timestamp"u8) ? Field.PublishTimestamp
            : reader.ValueTextEquals("topic_sequence_number"u8) ? Field.TopicSequenceNumber
            : reader.ValueTextEquals("token_id"u8) ? Field.TokenId
            : reader.ValueTextEquals("text"u8) ? Field.Text
            : Field.Other;
    }

    /// <summary>Skips another member's value, unescaping (and discarding) every escaped name and string in it, so a
    /// lone surrogate is refused there too, as in every string of the body.</summary>
    private static bool TrySkip(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        var depth = reader.CurrentDepth;
        while (true)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                reader.CopyString(scratch);
            }

            if (reader.CurrentDepth == depth
                && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return true;
            }

            if (!reader.Read())
            {
                return false;
            }
        }
    }

    /// <summary>A JSON string (its raw bytes are UTF-8, see <see cref="TryParse"/>), unescaped into
    /// <paramref name="scratch"/>.</summary>
    private static bool TryString(
        ref Utf8JsonReader reader, byte[] scratch, ref int used, out ReadOnlyMemory<byte> value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var length = reader.CopyString(scratch.AsSpan(used));
        value = scratch.AsMemory(used, length);
        used += length;
        return true;
    }

    /// <summary>The event's fields, in <see cref="WebhookEvent"/>'s order.</summary>
    private enum Field
    {
        Other = -1,
        Cache,
        Topic,
        EventTimestamp,
        PublishTimestamp,
        TopicSequenceNumber,
        TokenId,
        Text,
        Count, // how many there are, not a field
    }
}
