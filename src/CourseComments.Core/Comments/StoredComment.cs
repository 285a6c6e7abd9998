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
/// finds its comment already stored (<see cref="CommentWriter"/>).
/// </summary>
public sealed record StoredComment(
    [property: JsonPropertyName("userID")] string UserId,
    [property: JsonPropertyName("comment")] string Comment,
    [property: JsonPropertyName("courseId")] string? CourseId = null,
    [property: JsonPropertyName("eventTime")] DateTimeOffset? EventTime = null,
    [property: JsonPropertyName("displayName")] string? DisplayName = null,
    [property: JsonPropertyName("id")] string? Id = null)
{
    /// <returns>The id of the message whose once-only key is <paramref name="onceKey"/>: the lowercase hex of the
    /// first 16 bytes of the SHA-256 of its UTF-8 (the key itself can be long and names our channels).</returns>
    public static string IdFor(string onceKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(onceKey)).AsSpan(0, 16));

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
}
