using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CourseComments.Webhooks;

/// <summary>
/// Identifies one published message across deliveries: everything in the event except <c>publish_timestamp</c>,
/// which differs between two deliveries of the same message. Prefixed, so it never meets another channel's keys.
/// </summary>
public static class WebhookEventKey
{
    private const string Prefix = "webhook-event:";
    private const int NumberBytes = 20;

    /// <returns><c>webhook-event:</c> and the lowercase hex SHA-256 of the UTF-8 of cache, topic, event_timestamp,
    /// topic_sequence_number, token_id and text, joined by line feeds.</returns>
    public static string For(in WebhookEventView evt)
    {
        // Joined in a pooled buffer rather than a string: this runs for every delivery.
        var length = evt.Cache.Length + evt.Topic.Length + Encoding.UTF8.GetMaxByteCount(evt.TokenId.Length)
            + evt.Text.Length + (2 * NumberBytes) + 5;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            Append(evt.Cache, buffer, ref written);
            Append(evt.Topic, buffer, ref written);
            evt.EventTimestamp.TryFormat(buffer.AsSpan(written), out var count, default, CultureInfo.InvariantCulture);
            written += count;
            buffer[written++] = (byte)'\n';
            evt.TopicSequenceNumber.TryFormat(buffer.AsSpan(written), out count, default, CultureInfo.InvariantCulture);
            written += count;
            buffer[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(evt.TokenId, buffer.AsSpan(written));
            buffer[written++] = (byte)'\n';
            evt.Text.Span.CopyTo(buffer.AsSpan(written));
            written += evt.Text.Length;

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            Span<char> key = stackalloc char[Prefix.Length + (2 * SHA256.HashSizeInBytes)];
            Prefix.CopyTo(key);
            Convert.TryToHexStringLower(hash, key[Prefix.Length..], out _);
            return new string(key);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Append(ReadOnlySpan<byte> value, byte[] buffer, ref int written)
    {
        value.CopyTo(buffer.AsSpan(written));
        written += value.Length;
        buffer[written++] = (byte)'\n';
    }
}
