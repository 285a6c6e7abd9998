using System.Text.Json.Serialization;

namespace CourseComments.Comments;

/// <summary>
/// One list item in the course's list. <c>userID</c> and <c>comment</c> keep the names Momento's original sample
/// wrote, so lists it filled stay readable; <c>courseId</c>, <c>eventTime</c> and <c>displayName</c> (the author's
/// name when the comment was stored, see <see cref="Profiles.ProfileStore"/>) are ours and may be absent in such
/// old items.
/// </summary>
public sealed record StoredComment(
    [property: JsonPropertyName("userID")] string UserId,
    [property: JsonPropertyName("comment")] string Comment,
    [property: JsonPropertyName("courseId")] string? CourseId = null,
    [property: JsonPropertyName("eventTime")] DateTimeOffset? EventTime = null,
    [property: JsonPropertyName("displayName")] string? DisplayName = null);
