using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseComments.Load;

internal sealed record CommentText(string CourseId, string Comment);

internal sealed record CourseComments(string CourseId, IReadOnlyList<StoredComment> Comments);

internal sealed record StoredComment([property: JsonPropertyName("userID")] string UserId, string Comment);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CommentText))]
[JsonSerializable(typeof(CourseComments))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
