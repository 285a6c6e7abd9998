using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CourseComments.Json;

namespace CourseComments.Comments;

/// <summary>
/// One list item in the course's list. <c>userID</c> and <c>comment</c> keep the names Momento's original sample
/// wrote, so lists it filled stay readable; <c>courseId</c>, <c>eventTime</c> and <c>displayName</c> (the author's
/// name when the comment was stored, see <see cref="Profiles.ProfileStore"/>) are ours and may be absent in such
/// old items. <c>id</c> names the published message: the same for every delivery of it, it is how a redelivery
/// finds its comment already stored (<see cref="CommentWriter"/>). Items are written by <see cref="Encode"/> and read
/// back by <see cref="Decode"/>.
/// </summary>
public sealed record StoredComment(
    [property: JsonPropertyName("userID")] string UserId,
    [property: JsonPropertyName("comment")] string Comment,
    [property: JsonPropertyName("courseId")] string? CourseId = null,
    [property: JsonPropertyName("eventTime")] DateTimeOffset? EventTime = null,
    [property: JsonPropertyName("displayName")] string? DisplayName = null,
    [property: JsonPropertyName("id")] string? Id = null)
{
    private const int IdBytes = 16;

    // Each thread's writer and buffer are reused: an item is written in one synchronous step.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? itemBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? itemWriter;

    /// <returns>The id of the message whose once-only key is <paramref name="onceKey"/>: the lowercase hex of the
    /// first 16 bytes of the SHA-256 of its UTF-8 (the key itself can be long and names our channels).</returns>
    public static string IdFor(string onceKey)
    {
        Span<byte> id = stackalloc byte[2 * IdBytes];
        WriteId(onceKey, id);
        return Encoding.ASCII.GetString(id);
    }

    /// <summary>The list item for <paramref name="comment"/>, as UTF-8 JSON: byte for byte what
    /// <see cref="JsonSerializer"/> writes for the same <see cref="StoredComment"/> (members in declaration order,
    /// its default escaping), without making a string of the comment.</summary>
    /// <param name="onceKey">The message's once-only key, for <c>id</c> (<see cref="IdFor"/>).</param>
    public static byte[] Encode(CheckedComment comment, string displayName, string onceKey)
    {
        Span<byte> id = stackalloc byte[2 * IdBytes];
        WriteId(onceKey, id);

        var buffer = itemBuffer ??= new ArrayBufferWriter<byte>();
        buffer.ResetWrittenCount();
        var writer = itemWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("userID"u8, comment.UserId);
        writer.WriteString("comment"u8, comment.Comment.Span);
        writer.WriteString("courseId"u8, comment.CourseId);
        writer.WriteString("eventTime"u8, comment.EventTime);
        writer.WriteString("displayName"u8, displayName);
        writer.WriteString("id"u8, id);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A list item read back, or null when it is not one (anything holding the cache's key can write
    /// items).</summary>
    public static StoredComment? Decode(string item)
    {
        try
        {
            return JsonSerializer.Deserialize(item, AppJsonContext.Default.StoredComment);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteId(string onceKey, Span<byte> utf8Hex)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(onceKey.Length);
        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = Encoding.UTF8.GetBytes(onceKey, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, length), hash);
            Convert.TryToHexStringLower(hash[..IdBytes], utf8Hex, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
