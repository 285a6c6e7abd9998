using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseComments.LocalMomento;

/// <summary>What a local token grants. Momento's disposable tokens carry the same facts.</summary>
public sealed record LocalTokenClaims(
    [property: JsonPropertyName("cache")] string Cache,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("permission")] string Permission,
    [property: JsonPropertyName("exp")] long ExpiresAtUnixMilliseconds,
    [property: JsonPropertyName("tid")] string TokenId)
{
    public const string PublishOnly = "topic-publish-only";
}

/// <summary>
/// Local tokens: <c>base64url(claims JSON).base64url(HMAC-SHA256(key, first part))</c>. The key is random per process,
/// so tokens are tamper-proof and die with the process; clients treat them as opaque strings.
/// </summary>
public sealed class LocalTokenCodec
{
    private const int MaxTokenLength = 2048;
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public string Encode(LocalTokenClaims claims)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, LocalMomentoJsonContext.Default.LocalTokenClaims));
        return payload + "." + Base64Url.EncodeToString(Mac(payload));
    }

    /// <returns>The claims when the token is well-formed and its MAC is ours (expiry is the caller's check), else null.</returns>
    public LocalTokenClaims? Decode(string token)
    {
        var dot = token.IndexOf('.');
        if (token.Length > MaxTokenLength || dot <= 0)
        {
            return null;
        }

        var payload = token[..dot];
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes + 1];
        if (!Base64Url.TryDecodeFromChars(token.AsSpan(dot + 1), presented, out var written)
            || !CryptographicOperations.FixedTimeEquals(Mac(payload), presented[..written]))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(payload), LocalMomentoJsonContext.Default.LocalTokenClaims);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload));
}
