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
    public static string For(WebhookEvent evt)
    {
        // Encoded into a pooled buffer rather than joined into a string first: this runs for every delivery.
        var strings = evt.Cache.Length + evt.Topic.Length + evt.TokenId.Length + evt.Text.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(strings) + (2 * NumberBytes) + 5);
        try
        {
            var written = 0;
            Append(evt.Cache, buffer, ref written);
            Append(evt.Topic, buffer, ref written);
            evt.EventTimestamp.TryFormat(buffer.AsSpan(written), out var length, default, CultureInfo.InvariantCulture);
            written += length;
            buffer[written++] = (byte)'\n';
            evt.TopicSequenceNumber.TryFormat(
                buffer.AsSpan(written), out length, default, CultureInfo.InvariantCulture);
            written += length;
            buffer[written++] = (byte)'\n';
            Append(evt.TokenId, buffer, ref written);
            written += Encoding.UTF8.GetBytes(evt.Text, buffer.AsSpan(written));

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Prefix + Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Append(string value, byte[] buffer, ref int written)
    {
        written += Encoding.UTF8.GetBytes(value, buffer.AsSpan(written));
        buffer[written++] = (byte)'\n';
    }
}
