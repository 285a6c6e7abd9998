using System.Text.Json;
using System.Text.Json.Serialization;
using CourseComments.Comments;
using CourseComments.Health;
using CourseComments.Webhooks;

namespace CourseComments.Json;

/// <summary>
/// Every type the app reads or writes as JSON. Strict on input: required members, nullable annotations respected,
/// no duplicate properties, numbers only as JSON numbers.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(StoredComment))]
[JsonSerializable(typeof(CourseCommentsView))]
[JsonSerializable(typeof(HealthReport))]
public sealed partial class AppJsonContext : JsonSerializerContext;
