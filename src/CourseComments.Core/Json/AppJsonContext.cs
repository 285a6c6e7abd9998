using System.Text.Json;
using System.Text.Json.Serialization;
using CourseComments.Comments;
using CourseComments.Health;
using CourseComments.Identity;
using CourseComments.Profiles;
using CourseComments.Tokens;
using CourseComments.Webhooks;

namespace CourseComments.Json;

/// <summary>
/// Every type the app reads or writes as JSON. Strict on input: required members, nullable annotations respected,
/// no duplicate properties, numbers only as JSON numbers. Members we do not read (such as the platform principal's
/// <c>name_typ</c> and <c>role_typ</c>) are ignored.
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
[JsonSerializable(typeof(ClientPrincipal))]
[JsonSerializable(typeof(LocalUserRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(UserProfile))]
public sealed partial class AppJsonContext : JsonSerializerContext;
