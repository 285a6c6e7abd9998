using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseComments.Profiles;

/// <summary>A user's public profile as cached under <see cref="ProfileStore.KeyFor"/>: <c>{"displayName":"..."}</c>,
/// the display name only.</summary>
public sealed record UserProfile(string DisplayName);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(UserProfile))]
internal sealed partial class ProfilesJsonContext : JsonSerializerContext;
