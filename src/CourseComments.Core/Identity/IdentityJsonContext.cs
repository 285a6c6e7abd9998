using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseComments.Identity;

/// <summary>What callers' identities arrive as. Strict on the members we read (present, right types, no
/// duplicates); members we do not read, such as the platform's <c>name_typ</c> and <c>role_typ</c>, are ignored.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ClientPrincipal))]
[JsonSerializable(typeof(LocalUserRequest))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
