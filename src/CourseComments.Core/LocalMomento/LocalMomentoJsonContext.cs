using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseComments.LocalMomento;

/// <summary>The stand-in's own JSON: token claims and the comment snapshot file.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(LocalTokenClaims))]
[JsonSerializable(typeof(CommentSnapshot))]
internal sealed partial class LocalMomentoJsonContext : JsonSerializerContext;
